"""Background generation of the bilan's reports, with progress; the person who asked is
told when it is ready (`services.report_notify_ready`)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from technopark.publishing.models import ReportJob
from technopark.publishing.services import report_notify_ready


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
            content = render_xlsx(
                as_of=job.as_of,
                site=site,
                progress=progress,
                startups=startups,
                language=job.language,
            )
    except Exception as exc:  # the job records the failure; the page shows it
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportJob.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.DONE, progress=100, content=content, finished_at=timezone.now()
    )
    job.refresh_from_db()
    report_notify_ready(job=job)
    return job.filename
