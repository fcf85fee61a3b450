"""Background work of the interchange app: the dry run and the import of an upload.

Progress is kept in the cache (shared between web and workers when REDIS_URL is set),
because the import's own transaction holds its writes until the end.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils import timezone, translation
from django_tasks import task

from technopark.core.actions import channel
from technopark.core.audit import set_actor
from technopark.interchange.importer import import_path

log = logging.getLogger(__name__)


def progress_key(job_id: int) -> str:
    return f"interchange:job:{job_id}:progress"


def read_progress(job_id: int) -> dict:
    return cache.get(progress_key(job_id)) or {"table": "", "done": 0, "total": 0, "at": None}


def write_progress(job_id: int, table: str, done: int, total: int) -> None:
    """Also the job's heartbeat: `at` tells whether the worker still runs it."""
    now = timezone.now().timestamp()
    cache.set(progress_key(job_id), {"table": table, "done": done, "total": total, "at": now}, 3600)


def is_stalled(job) -> bool:
    """A running job whose worker gave no sign of life for TECHNOPARK_JOB_STALL_SECONDS.

    The worker writes a heartbeat when it starts the job and at each step of the import;
    a job still waiting for a free worker has none and is not stalled, only queued.
    """
    from django.conf import settings

    if not job.running:
        return False
    at = read_progress(job.pk).get("at")
    if at is None:
        return False
    return timezone.now().timestamp() - at > settings.TECHNOPARK_JOB_STALL_SECONDS


def kept_mapping(job, fingerprint: str) -> dict | None:
    """The mapping kept for files of this kind: the uploader's own, or a shared one (of
    the same partner, when the upload is a partner's), the latest first."""
    from django.db.models import Q

    from technopark.interchange.models import ImportMapping

    kept = (
        ImportMapping.objects.filter(fingerprint=fingerprint, operator_id=job.operator_id)
        .filter(Q(shared=True) | Q(created_by_id=job.created_by_id))
        .order_by("-updated_at")
        .first()
    )
    return kept.mapping if kept else None


def _run(job_id: int, *, dry_run: bool, language: str) -> str:
    from technopark.interchange.models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).select_related("operator", "created_by").first()
    if job is None:
        return "missing"

    def progress(table: str, done: int, total: int) -> None:
        write_progress(job_id, table, done, total)

    progress("", 0, 0)
    try:
        # the worker writes on behalf of the person who uploaded the file
        with translation.override(language), set_actor(job.created_by), channel("import"):
            report = import_path(
                job.stored_path,
                dry_run=dry_run,
                operator=job.operator.slug if job.operator else None,
                progress=progress,
                guess=None,  # a workbook as the park keeps it is read through a mapping
                mapping=job.mapping,
                corrections=job.corrections or None,
                kept=lambda kind: kept_mapping(job, kind),
                by=job.created_by,
            )
    except Exception as exc:  # a job must end in a state a person can read
        log.exception("import job %s failed", job_id)
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED, failure=str(exc), finished_at=timezone.now()
        )
        return "failed"
    if dry_run:
        status = ImportJob.Status.CHECKED if report.ok else ImportJob.Status.REJECTED
        ImportJob.objects.filter(pk=job_id).update(preview=report.to_dict(), status=status)
    else:
        status = ImportJob.Status.DONE if report.ok else ImportJob.Status.REJECTED
        ImportJob.objects.filter(pk=job_id).update(
            result=report.to_dict(), status=status, finished_at=timezone.now()
        )
        if report.ok:  # bulk writes send no signals: refresh every cached public page
            from technopark.core.public_cache import bump

            bump()
    cache.delete(progress_key(job_id))
    return status


@task()
def check_upload(job_id: int, language: str = "fr") -> str:
    """Dry run of an upload: the full error report or the preview of what will change."""
    return _run(job_id, dry_run=True, language=language)


@task()
def import_upload(job_id: int, language: str = "fr") -> str:
    """The confirmed import of an upload (all or nothing)."""
    return _run(job_id, dry_run=False, language=language)
