"""Writes of the publishing work: showcase profiles, contact messages, report requests."""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.core.uploads import IMAGES, KINDS, check_upload, sniff
from technopark.network.models import Site
from technopark.publishing.models import ReportJob, ShowcaseProfile, SiteGuide, SitePhoto
from technopark.startups.models import Startup

CONTACT_LIMIT = 3  # messages per sender address (and per network address) per hour
CONTACT_WINDOW = 3600
PHOTO_MAX_BYTES = 3 * 1024 * 1024  # a site photo: enough for a good 1920 px JPEG
PHOTOS_PER_SITE = 12


LOGO_MAX_BYTES = 2 * 1024 * 1024  # what a logo needs, with room for a large PNG
LOGO_MAX_PIXELS = 4096 * 4096  # refuse decompression bombs before decoding them
LOGO_SIZE = 256  # the stored thumbnail: a square of this many pixels


def logo_thumbnail(file) -> bytes:
    """A square PNG thumbnail of an uploaded logo, or a DomainError saying what is wrong.

    The type is read from the file's first bytes, never from its name (the name is thrown
    away: only the thumbnail Pillow draws is stored). PNG, JPEG and WebP are accepted; SVG
    is refused, because an SVG is a document that may carry scripts and links, and serving
    it safely would need a sanitiser we would have to trust; a founder exports a PNG.
    """
    size = getattr(file, "size", None) or 0
    if size == 0:
        raise DomainError(_("The file is empty."), code="invalid_file", field="logo")
    if size > LOGO_MAX_BYTES:
        raise DomainError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(size / 1_048_576, 1), "limit": round(LOGO_MAX_BYTES / 1_048_576, 1)},
            code="too_large",
            field="logo",
        )
    file.seek(0)
    kind = sniff(file.read(2048))
    file.seek(0)
    if kind not in IMAGES:
        raise DomainError(
            _("A logo is a PNG, JPEG or WebP image (SVG is not accepted: export it as PNG)."),
            code="invalid_file",
            field="logo",
        )
    from PIL import Image, ImageOps

    unreadable = DomainError(
        _("This image could not be read; save it again as PNG and send it."),
        code="invalid_image",
        field="logo",
    )
    try:
        with Image.open(file) as image:
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise unreadable
            image.load()
            picture = ImageOps.exif_transpose(image).convert("RGBA")
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError) as exc:
        raise unreadable from exc
    picture.thumbnail((LOGO_SIZE, LOGO_SIZE), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (LOGO_SIZE, LOGO_SIZE), (255, 255, 255, 0))
    square.paste(
        picture, ((LOGO_SIZE - picture.width) // 2, (LOGO_SIZE - picture.height) // 2), picture
    )
    out = io.BytesIO()
    square.save(out, "PNG", optimize=True)
    return out.getvalue()


@transaction.atomic
@acts_for_by
def showcase_update(
    *, startup: Startup, data: dict, by, logo=None, remove_logo: bool = False
) -> ShowcaseProfile:
    """Save a startup's showcase profile and its choices; with a logo, check it first.

    A logo that is refused raises before anything is written: the profile stays as it was.
    """
    thumbnail = logo_thumbnail(logo) if logo is not None else None
    profile, _created = ShowcaseProfile.objects.get_or_create(startup=startup)
    for field, value in data.items():
        setattr(profile, field, value)
    old = profile.logo.name if profile.logo else ""
    if thumbnail is not None:
        profile.logo.save("logo.png", ContentFile(thumbnail), save=False)
    elif remove_logo:
        profile.logo = ""
        profile.show_logo = False
    profile.full_clean()
    profile.save()
    if old and old != (profile.logo.name or ""):
        storage = profile.logo.storage
        transaction.on_commit(lambda: storage.delete(old))
    record(
        "showcase.updated",
        profile,
        by=by,
        startup=startup.pk,
        label=str(startup),
        payload={
            "fields": sorted(data),
            "logo": thumbnail is not None,
            "logo_removed": remove_logo,
        },
    )
    return profile


def _hit(key: str) -> int:
    cache.add(key, 0, CONTACT_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, CONTACT_WINDOW)
        return 1


def showcase_contact(*, startup: Startup, name: str, email: str, message: str, ip: str = "") -> int:
    """Send a visitor's message to the startup's members; their addresses are never shown."""
    profile = ShowcaseProfile.objects.filter(startup=startup).first()
    if not startup.public or not (profile and profile.show_contact):
        raise DomainError(_("This startup is not listed."), code="not_listed", status=404)
    if len(message.strip()) < 10:
        raise DomainError(
            _("Write a few words about what you need (10 characters at least)."),
            code="too_short",
            field="message",
        )
    over = _hit(f"showcase-contact:email:{email.lower()}") > CONTACT_LIMIT
    if ip:
        over = _hit(f"showcase-contact:ip:{ip}") > CONTACT_LIMIT * 3 or over
    if over:
        raise DomainError(
            _("You have sent several messages in the last hour. Please try again later."),
            code="rate_limited",
            status=429,
        )
    from technopark.notifications.services import notification_send

    to = [m.user for m in startup.memberships.select_related("user") if m.user.is_active] or (
        [startup.email] if startup.email else []
    )
    if not to:
        raise DomainError(
            _("This startup cannot receive messages yet."), code="no_recipient", status=409
        )
    notification_send(
        to=to,
        kind="publishing.contact_message",
        context={
            "startup": startup.name,
            "sender_name": name.strip(),
            "sender_email": email.strip(),
            "message": message.strip(),
        },
        url=reverse("startups:detail", args=[startup.ref]),
    )
    return len(to)


@transaction.atomic
def report_request(
    *, format: str, as_of: dt.date, site: Site | None, language: str, by
) -> ReportJob:
    """Queue a report; the task generates it with progress and e-mails it."""
    if format not in ReportJob.Format.values:
        raise DomainError(_("Choose PDF or Excel."), code="invalid", field="format")
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise DomainError(_("Choose French, Arabic or English."), code="invalid", field="language")
    if as_of > dt.date.today():
        raise DomainError(
            _("A bilan is computed at a date that has passed."), code="future", field="as_of"
        )
    job = ReportJob.objects.create(
        format=format, as_of=as_of, site=site, language=language, requested_by=by
    )
    from technopark.publishing.tasks import generate_report

    _report_recorded(job, by)
    transaction.on_commit(lambda: generate_report.enqueue(job_id=job.pk))
    return job


def _report_recorded(job: ReportJob, by, **payload) -> None:
    record(
        "report.requested",
        job,
        by=by,
        label=f"{job.get_format_display()} {job.as_of:%d/%m/%Y}",
        payload={"format": job.format, "as_of": job.as_of, "language": job.language, **payload},
    )


@acts_for_by
def report_retry(*, job: ReportJob, by) -> ReportJob:
    """Queue again a report that failed or whose worker stopped in the middle (killed).

    The file is stored only when it is complete, so a dead worker left nothing half-done;
    its orphaned task row is marked failed and the report is generated afresh.
    """
    from technopark.core.operations import fail_stalled_tasks
    from technopark.publishing.tasks import generate_report

    if not job.retryable:
        raise Conflict(_("This report is not stopped: it is queued, running or ready."))
    with transaction.atomic():
        updated = ReportJob.objects.filter(pk=job.pk, status=job.status).update(
            status=ReportJob.Status.QUEUED,
            progress=0,
            error="",
            finished_at=None,
            heartbeat_at=None,
        )
        if not updated:
            raise Conflict(_("This report has changed; reload the page."))
        fail_stalled_tasks(
            task_path=generate_report.module_path, args_prefix=[], kwargs={"job_id": job.pk}
        )
        job.refresh_from_db()
        _report_recorded(job, by, retry=True)
        transaction.on_commit(lambda: generate_report.enqueue(job_id=job.pk))
    return job


MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ATTACH_LIMIT = 8 * 1024 * 1024  # a larger report is only linked, not attached


def report_notify_ready(*, job: ReportJob) -> None:
    """Tell the person who asked that their report is ready, with the file when it is small."""
    from technopark.notifications.services import notification_send

    content = bytes(job.content or b"")
    notification_send(
        to=job.requested_by,
        kind="publishing.report_ready",
        context={
            "format": job.get_format_display(),
            "as_of": job.as_of,
            "site": job.site.name if job.site_id else "",
            "attached": 0 < len(content) <= ATTACH_LIMIT,
        },
        url=reverse("publishing:report_download", args=[job.pk]),
        attachments=[(job.filename, content, MIME[job.format])]
        if 0 < len(content) <= ATTACH_LIMIT
        else [],
    )


@transaction.atomic
@acts_for_by
def site_photo_add(*, site: Site, file, alt_text: str, by) -> SitePhoto:
    """Add a photo to a site's public page: a PNG, JPEG or WebP image, read by its content."""
    check_upload(file, kinds=IMAGES, max_bytes=PHOTO_MAX_BYTES)
    alt_text = " ".join(alt_text.split())
    if not alt_text:
        raise DomainError(
            _("Say in a sentence what the photo shows, for people who cannot see it."),
            code="alt_text_missing",
            field="alt_text",
        )
    if SitePhoto.objects.filter(site=site).count() >= PHOTOS_PER_SITE:
        raise Conflict(
            _("A site shows at most %(n)s photos: remove one first.") % {"n": PHOTOS_PER_SITE},
            code="too_many_photos",
        )
    file.seek(0)
    kind = sniff(file.read(2048))
    file.seek(0)
    last = SitePhoto.objects.filter(site=site).order_by("-order").first()
    photo = SitePhoto.objects.create(
        site=site,
        image=file,
        content_type=KINDS[kind][1],
        alt_text=alt_text[:200],
        order=(last.order + 1) if last else 0,
        uploaded_by=by,
    )
    record("site_photo.added", photo, by=by, payload={"content_type": photo.content_type})
    return photo


@transaction.atomic
@acts_for_by
def site_photo_delete(*, photo: SitePhoto, by) -> None:
    stored = photo.image
    record("site_photo.deleted", photo, by=by)
    photo.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


@transaction.atomic
@acts_for_by
def site_guide_update(*, site: Site, directions: str, by) -> SiteGuide:
    guide, _created = SiteGuide.objects.get_or_create(site=site)
    guide.directions = directions.strip()
    guide.full_clean()
    guide.save()
    record("site_guide.updated", guide, by=by, label=str(site))
    return guide
