"""Background work of the interchange app: the dry run and the import of an upload.

Progress is kept in the cache (shared between web and workers when REDIS_URL is set),
because the import's own transaction holds its writes until the end.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils import timezone, translation
from django_tasks import task

from technopark.core.audit import set_actor
from technopark.interchange.importer import import_path

log = logging.getLogger(__name__)


def progress_key(job_id: int) -> str:
    return f"interchange:job:{job_id}:progress"


def read_progress(job_id: int) -> dict:
    return cache.get(progress_key(job_id)) or {"table": "", "done": 0, "total": 0}


def _run(job_id: int, *, dry_run: bool, language: str) -> str:
    from technopark.interchange.models import ImportJob

    job = ImportJob.objects.filter(pk=job_id).select_related("operator", "created_by").first()
    if job is None:
        return "missing"

    def progress(table: str, done: int, total: int) -> None:
        cache.set(progress_key(job_id), {"table": table, "done": done, "total": total}, 3600)

    try:
        # the worker writes on behalf of the person who uploaded the file
        with translation.override(language), set_actor(job.created_by):
            report = import_path(
                job.stored_path,
                dry_run=dry_run,
                operator=job.operator.slug if job.operator else None,
                progress=progress,
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
