"""Signature requests: ask, view, sign with a one-time code, decline, cancel, expire, and,
once everyone has signed, the sealed final PDF (docs/signatures.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from technopark.accounts.models import Role
from technopark.core import clock
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.core.uploads import check_upload
from technopark.notifications.services import email_queue, notification_send, render_kind
from technopark.signatures import kinds, pdf
from technopark.signatures.models import SignatureRequest, Signer
from technopark.startups.models import Membership

CODE_TTL = dt.timedelta(minutes=10)
CODE_ATTEMPTS = 5
CODE_RESEND_AFTER = dt.timedelta(seconds=60)
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_DAYS = 180


def consent_text(language: str) -> str:
    """What the signer ticks, as kept with their signature and on the evidence page."""
    with translation.override(language):
        return _(
            "I have read the whole document whose SHA-256 fingerprint is shown, and I sign it "
            "electronically. I accept that this signature, made with my account and a one-time "
            "code sent to my e-mail address, binds me as my handwritten signature would."
        )


def _code_hash(signer_pk: int, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"signature:{signer_pk}:{code}".encode(), hashlib.sha256).hexdigest()


def may_sign(user, request: SignatureRequest) -> bool:
    """The people who may be asked to sign: the startup's members and its site's staff; a
    committee's minutes, the members of its session."""
    if request.kind == "minutes":
        from technopark.committee.models import Member

        return Member.objects.filter(session_id=request.object_id, user=user).exists()
    if Membership.objects.filter(startup_id=request.startup_id, user=user).exists():
        return True
    return (
        Role.objects.filter(user=user)
        .filter(kind__in=["site_manager", "program_officer"], site_id=request.site_id)
        .exists()
        or Role.objects.filter(user=user, kind="network_admin").exists()
    )


def signer_candidates(startup, site):
    """Whom a request may name: the startup's members (founders first), then the site's
    managers and program officers."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    members = list(
        User.objects.filter(memberships__startup=startup, is_active=True).order_by(
            "-memberships__is_founder", "full_name", "email"
        )
    )
    staff = list(
        User.objects.filter(
            roles__site=site, roles__kind__in=["site_manager", "program_officer"], is_active=True
        )
        .exclude(pk__in=[u.pk for u in members])
        .distinct()
        .order_by("full_name", "email")
    )
    return members + staff


# --- Asking ------------------------------------------------------------------------------


@transaction.atomic
def signature_request_create(
    *,
    kind: str,
    startup,
    site,
    title: str,
    language: str,
    signers: list,
    expires_on: dt.date,
    in_order: bool = False,
    target=None,
    file=None,
    by,
) -> SignatureRequest:
    """Ask `signers` (in that order when `in_order`) to sign a PDF: the record's as its kind
    renders it (`target`), or the uploaded `file`. The signers are invited at once (in order:
    the first; each next one when the one before has signed)."""
    signable = kinds.get(kind)
    if not signable.may_request(by, target if signable.render or startup is None else startup):
        raise DomainError(
            _("You may not ask for signatures on this record."), code="forbidden", status=403
        )
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the request a title."), code="title_missing", field="title")
    today = clock.today()
    if expires_on is None or expires_on <= today:
        raise DomainError(
            _("The expiry date must be after today."), code="bad_expiry", field="expires_on"
        )
    if expires_on > today + dt.timedelta(days=MAX_DAYS):
        raise DomainError(
            _("A request runs %(days)s days at most.") % {"days": MAX_DAYS},
            code="bad_expiry",
            field="expires_on",
        )
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose a language."), code="bad_language", field="language")
    unique = list(dict.fromkeys(signers))
    if not unique:
        raise DomainError(
            _("Choose at least one person to sign."), code="no_signer", field="signers"
        )
    if signable.render is not None:
        if kind == "contract" and target.status != "draft":
            raise DomainError(
                _("Only a draft contract can be sent for signature."), code="bad_state"
            )
        if SignatureRequest.objects.filter(
            kind=kind, object_id=target.pk, status__in=SignatureRequest.OPEN
        ).exists():
            raise DomainError(
                _("A signature request for this record is already under way."),
                code="already_open",
            )
        content = signable.render(target, language)
        name = f"{kind}-{target.pk}.pdf"
    else:
        if file is None:
            raise DomainError(_("Choose the PDF to sign."), code="file_missing", field="file")
        check_upload(file, kinds=("pdf",), max_bytes=MAX_PDF_BYTES)
        file.seek(0)
        content = file.read()
        name = getattr(file, "name", "") or "document.pdf"
    request = SignatureRequest(
        kind=kind,
        object_id=target.pk if target is not None else None,
        site=site,
        startup=startup,
        title=title[:200],
        language=language,
        in_order=in_order,
        expires_on=expires_on,
        original_sha256=pdf.sha256(content),
        created_by=by,
    )
    outsiders = [u for u in unique if not may_sign(u, request)]
    if outsiders:
        raise DomainError(
            _("%(name)s is neither a member of the startup nor staff of its site.")
            % {"name": outsiders[0]},
            code="bad_signer",
            field="signers",
        )
    request.original.save(name, ContentFile(content), save=False)
    request.save()
    Signer.objects.bulk_create(
        Signer(request=request, user=user, position=i) for i, user in enumerate(unique, 1)
    )
    record("signature.requested", request, by=by, payload={"kind": kind, "signers": len(unique)})  # fmt: skip
    _invite(request, by)
    return request


def _invite(request: SignatureRequest, by) -> None:
    """Invite the signers who may sign now and were not invited yet."""
    waiting = request.signers.filter(invited_at__isnull=True, status=Signer.Status.WAITING)
    if request.in_order:
        first = (
            request.signers.exclude(status=Signer.Status.SIGNED).order_by("position", "pk").first()
        )
        waiting = waiting.filter(pk=first.pk) if first else waiting.none()
    now = timezone.now()
    for signer in waiting.select_related("user"):
        notification_send(
            to=signer.user,
            kind="signatures.requested",
            context={
                "title": request.title,
                "startup": (request.startup.name if request.startup_id else request.site.name),
                "expires_on": request.expires_on,
            },
            url=reverse("signatures:sign", args=[request.pk]),
            by=by,
        )
        signer.invited_at = now
        signer.save(update_fields=["invited_at"])


def _turn_problem(signer: Signer) -> DomainError | None:
    request = signer.request
    if not request.is_open:
        return DomainError(
            _("This request is closed (%(status)s).") % {"status": request.get_status_display()},
            code="closed",
        )
    if request.expires_on < clock.today():
        return DomainError(_("This request has expired."), code="expired")
    if signer.status in (Signer.Status.SIGNED, Signer.Status.DECLINED):
        return DomainError(_("You have already answered this request."), code="answered")
    if request.in_order and (
        request.signers.filter(position__lt=signer.position)
        .exclude(status=Signer.Status.SIGNED)
        .exists()
    ):
        return DomainError(
            _("The people before you in the order have not all signed yet."), code="not_your_turn"
        )
    return None


@transaction.atomic
@acts_for_by
def signature_viewed(*, signer: Signer, by) -> Signer:
    """The signer opened the document: noted once, and the request reads "viewed"."""
    if signer.viewed_at is None:
        signer.viewed_at = timezone.now()
        fields = ["viewed_at"]
        if signer.status == Signer.Status.WAITING:
            signer.status = Signer.Status.VIEWED
            fields.append("status")
        signer.save(update_fields=fields)
        SignatureRequest.objects.filter(
            pk=signer.request_id, status=SignatureRequest.Status.SENT
        ).update(status=SignatureRequest.Status.VIEWED, updated_at=timezone.now())
    return signer


# --- The one-time code -----------------------------------------------------------------------


@transaction.atomic
@acts_for_by
def signature_code_send(*, signer: Signer, by, language: str | None = None) -> str:
    """E-mail a new 6-digit code to the signer (never shown in the platform): valid 10
    minutes, 5 tries; a new one at most every minute. Returns the code (for the tests)."""
    problem = _turn_problem(signer)
    if problem:
        raise problem
    now = timezone.now()
    if signer.code_sent_at and now - signer.code_sent_at < CODE_RESEND_AFTER:
        wait = int((CODE_RESEND_AFTER - (now - signer.code_sent_at)).total_seconds()) + 1
        raise DomainError(
            _("A code was just sent. Ask for another in %(seconds)s seconds.") % {"seconds": wait},
            code="too_soon",
            status=429,
        )
    code = f"{secrets.randbelow(10**6):06d}"
    signer.code_hash = _code_hash(signer.pk, code)
    signer.code_expires_at = now + CODE_TTL
    signer.code_sent_at = now
    signer.code_attempts = 0
    signer.save(update_fields=["code_hash", "code_expires_at", "code_sent_at", "code_attempts"])
    user = signer.user
    # The language the signer reads the signing page in (they ask for the code there),
    # else the one of their account.
    if language not in dict(settings.LANGUAGES):
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    subject, text, html = render_kind(
        "signatures.code",
        {
            "code": code,
            "title": signer.request.title,
            "minutes": int(CODE_TTL.total_seconds() // 60),
            "recipient_name": user.full_name or user.email,
            "site_url": settings.SITE_URL,
            "url": "",
        },
        language,
    )
    email_queue(
        kind="signatures.code",
        to_address=user.email,
        user=user,
        language=language,
        subject=subject,
        text=text,
        html=html,
    )
    return code


def _check_code(signer: Signer, code: str) -> DomainError | None:
    """A DomainError when the code is not good; a wrong code counts as a try (kept even
    though the signature is refused)."""
    if not signer.code_hash or signer.code_expires_at is None:
        return DomainError(_("Ask for a code first."), code="no_code", field="code")
    if signer.code_attempts >= CODE_ATTEMPTS:
        return DomainError(
            _("Too many wrong codes: ask for a new one."), code="too_many_attempts", field="code"
        )
    if timezone.now() > signer.code_expires_at:
        return DomainError(
            _("This code has expired: ask for a new one."), code="code_expired", field="code"
        )
    given = (code or "").strip().replace(" ", "")
    if not hmac.compare_digest(_code_hash(signer.pk, given), signer.code_hash):
        Signer.objects.filter(pk=signer.pk).update(code_attempts=F("code_attempts") + 1)
        signer.code_attempts += 1
        left = CODE_ATTEMPTS - signer.code_attempts
        if left <= 0:
            return DomainError(
                _("Too many wrong codes: ask for a new one."),
                code="too_many_attempts",
                field="code",
            )
        return DomainError(
            _("Wrong code. Tries left: %(left)s.") % {"left": left}, code="wrong_code", field="code"
        )
    return None


# --- Signing, declining ---------------------------------------------------------------------


def signature_sign(
    *,
    signer: Signer,
    code: str,
    consent: bool,
    document_sha256: str,
    ip_address: str | None,
    user_agent: str,
    language: str | None = None,
    by,
) -> Signer:
    """Sign with the session (`by` must be the signer) and the e-mailed code, having ticked
    the consent, for the document whose fingerprint the page showed."""
    if by is None or by.pk != signer.user_id:
        raise DomainError(_("Only the person asked may sign."), code="forbidden", status=403)
    problem = _turn_problem(signer)
    if problem:
        raise problem
    if not consent:
        raise DomainError(
            _("Tick the box to say you agree to sign electronically."),
            code="consent_required",
            field="consent",
        )
    problem = _check_code(signer, code)
    if problem:
        raise problem  # outside any transaction: the wrong try stays counted
    return _sign(signer, document_sha256, ip_address, user_agent, language, by)


@transaction.atomic
def _sign(signer: Signer, document_sha256: str, ip_address, user_agent: str, language, by):
    request = SignatureRequest.objects.select_for_update().get(pk=signer.request_id)
    signer = Signer.objects.select_for_update(of=("self",)).select_related("user").get(pk=signer.pk)
    signer.request = request
    problem = _turn_problem(signer)
    if problem:
        raise problem
    with request.original.open("rb") as handle:
        seen = pdf.sha256(handle.read())
    if document_sha256 != seen or seen != request.original_sha256:
        raise DomainError(
            _("The document changed since you opened it: open it again before signing."),
            code="document_changed",
        )
    signer.status = Signer.Status.SIGNED
    signer.signed_at = timezone.now()
    signer.ip_address = ip_address or None
    signer.user_agent = (user_agent or "")[:300]
    signer.document_sha256 = seen
    signer.consent_text = consent_text(language or request.language)
    signer.code_hash = ""
    signer.code_expires_at = None
    signer.viewed_at = signer.viewed_at or signer.signed_at
    signer.save()
    record("signature.signed", request, by=by, payload={"signer": signer.user_id, "position": signer.position})  # fmt: skip
    if request.signers.exclude(status=Signer.Status.SIGNED).exists():
        request.status = SignatureRequest.Status.PARTLY_SIGNED
        request.save(update_fields=["status", "updated_at"])
        _invite(request, by)
    else:
        _complete(request, by)
    return signer


@transaction.atomic
def signature_decline(*, signer: Signer, reason: str, by) -> Signer:
    """Decline, saying why: the request is closed for everyone."""
    if by is None or by.pk != signer.user_id:
        raise DomainError(_("Only the person asked may decline."), code="forbidden", status=403)
    problem = _turn_problem(signer)
    if problem and problem.code != "not_your_turn":
        raise problem
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why you decline to sign."), code="reason_missing", field="reason")
    now = timezone.now()
    signer.status = Signer.Status.DECLINED
    signer.declined_at = now
    signer.declined_reason = reason[:2000]
    signer.code_hash = ""
    signer.save()
    request = signer.request
    request.status = SignatureRequest.Status.DECLINED
    request.declined_reason = signer.declined_reason
    request.closed_at = now
    request.save(update_fields=["status", "declined_reason", "closed_at", "updated_at"])
    record("signature.declined", request, by=by, payload={"signer": signer.user_id})
    notification_send(
        to=_people(request, but=signer.user_id),
        kind="signatures.declined",
        context={"title": request.title, "name": str(signer.user), "reason": reason},
        url=reverse("signatures:detail", args=[request.pk]),
        by=by,
    )
    return signer


def _people(request: SignatureRequest, but: int | None = None) -> list:
    people = [s.user for s in request.signers.select_related("user")]
    if request.created_by is not None:
        people.append(request.created_by)
    return [u for u in dict.fromkeys(people) if u.pk != but]


@transaction.atomic
def signature_request_cancel(*, request: SignatureRequest, by) -> SignatureRequest:
    if not request.is_open:
        raise DomainError(
            _("This request is closed (%(status)s).") % {"status": request.get_status_display()},
            code="closed",
        )
    request.status = SignatureRequest.Status.CANCELLED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at", "updated_at"])
    request.signers.update(code_hash="", code_expires_at=None)
    record("signature.cancelled", request, by=by)
    return request


@transaction.atomic
def signature_requests_expire(*, today: dt.date, by=None) -> int:
    """The daily job: open requests past their expiry date expire."""
    count = 0
    late = SignatureRequest.objects.filter(
        status__in=SignatureRequest.OPEN, expires_on__lt=today
    ).select_for_update()
    for request in late:
        request.status = SignatureRequest.Status.EXPIRED
        request.closed_at = timezone.now()
        request.save(update_fields=["status", "closed_at", "updated_at"])
        request.signers.update(code_hash="", code_expires_at=None)
        record("signature.expired", request, by=by, payload={"expires_on": request.expires_on})
        count += 1
    return count


# --- Everyone has signed -----------------------------------------------------------------------


def _when(moment) -> str:
    local = timezone.localtime(moment, clock.MOROCCO)
    return formats.date_format(local, "SHORT_DATETIME_FORMAT") + local.strftime(":%S")


def evidence_context(request: SignatureRequest, *, demo: bool) -> dict:
    with translation.override(request.language):
        return {
            "request": request,
            "kind_label": str(kinds.get(request.kind).label),
            "startup": (request.startup.name if request.startup_id else request.site.name),
            "site": request.site.name,
            "signers": [
                {
                    "name": s.user.full_name or s.user.email,
                    "email": s.user.email,
                    "signed_at": _when(s.signed_at),
                    "signed_at_utc": s.signed_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "ip": s.ip_address or "—",
                    "user_agent": s.user_agent or "—",
                    "sha256": s.document_sha256,
                }
                for s in request.signers.select_related("user")
            ],
            "consent": consent_text(request.language),
            "sealed_at": _when(timezone.now()),
            "demo": demo,
        }


def _complete(request: SignatureRequest, by) -> None:
    """The final PDF: the original and its evidence page, sealed; then the record signed
    follows (its kind's `on_completed`), and everyone hears of it."""
    demo = pdf.is_demo_certificate(pdf.seal_certificate())
    with request.original.open("rb") as handle:
        original = handle.read()
    evidence = pdf.evidence_page(evidence_context(request, demo=demo), request.language)
    with translation.override(request.language):
        reason = _("Signed electronically by all signers: %(title)s") % {"title": request.title}
    final = pdf.seal(pdf.append_pages(original, evidence), reason=reason)
    request.final.save(f"signed-{request.pk}.pdf", ContentFile(final), save=False)
    request.final_sha256 = pdf.sha256(final)
    request.sealed_with_demo_certificate = demo
    request.status = SignatureRequest.Status.SIGNED
    request.completed_at = request.closed_at = timezone.now()
    request.completion_note = kinds.get(request.kind).on_completed(request, final, by)
    request.save()
    record("signature.completed", request, by=by, payload={"kind": request.kind, "sha256": request.final_sha256})  # fmt: skip
    notification_send(
        to=_people(request),
        kind="signatures.completed",
        context={
            "title": request.title,
            "startup": (request.startup.name if request.startup_id else request.site.name),
        },
        url=reverse("signatures:detail", args=[request.pk]),
        by=by,
    )
