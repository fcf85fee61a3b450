"""Background generation of the bilan's reports, with progress, e-mailed when ready."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from technopark.publishing.models import ReportJob

MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ATTACH_LIMIT = 8 * 1024 * 1024


@task()
def generate_report(*, job_id: int) -> str:
    from technopark.publishing.reports import render_pdf, render_xlsx

    job = ReportJob.objects.select_related("site", "requested_by").get(pk=job_id)
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.RUNNING, progress=1, heartbeat_at=timezone.now()
    )

    def progress(percent: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(
            progress=min(max(percent, 1), 99), heartbeat_at=timezone.now()
        )

    site = job.site.code if job.site_id else None
    try:
        if job.format == ReportJob.Format.PDF:
            content = render_pdf(
                as_of=job.as_of, site=site, language=job.language, progress=progress
            )
        else:
            from technopark.accounts.permissions import principal
            from technopark.startups.permissions import private_startups

            user = job.requested_by
            startups = None if principal(user).is_network_admin else private_startups(user)
            content = render_xlsx(as_of=job.as_of, site=site, progress=progress, startups=startups)
    except Exception as exc:  # the job records the failure; the page shows it
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJob.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.DONE, progress=100, content=content, finished_at=timezone.now()
    )
    _mail(job, content)
    return job.filename


def _mail(job: ReportJob, content: bytes) -> None:
    user = job.requested_by
    if not user.email:
        return
    url = settings.SITE_URL.rstrip("/") + reverse("publishing:report_download", args=[job.pk])
    with translation.override(job.language):
        message = EmailMessage(
            _("Your bilan report is ready"),
            _("The report you asked for is ready: %(url)s") % {"url": url},
            to=[user.email],
        )
    if len(content) <= ATTACH_LIMIT:
        message.attach(job.filename, content, MIME[job.format])
    message.send()


@task()
def send_contact_message(
    *, to: list[str], startup_name: str, name: str, email: str, message: str
) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Message from the showcase: %(name)s") % {"name": name}
        body = _(
            "%(name)s <%(email)s> wrote to %(startup)s through the technopark showcase:\n\n"
            "%(message)s\n\nAnswer this e-mail to reply."
        ) % {"name": name, "email": email, "startup": startup_name, "message": message}
    return EmailMessage(subject, body, to=to, reply_to=[email]).send()
