"""Writes of the interchange app: storing an upload and queueing its checks and import."""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.core.storage import StorageFull, write_upload
from technopark.interchange.models import ImportJob, ImportMapping
from technopark.interchange.tasks import check_upload, import_upload
from technopark.network.models import Operator

ARCHIVE_SUFFIXES = (".zip", ".xlsx")
ZIP_MAGIC = b"PK\x03\x04"
CSV_NAME = re.compile(r"^[A-Za-z0-9_. -]{1,80}\.csv$", re.IGNORECASE)


def upload_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "interchange"


def _check_files(files: list[UploadedFile]) -> None:
    if not files:
        raise DomainError(_("Choose a .zip, an .xlsx workbook or CSV files to upload."))
    names = [Path(f.name or "").name for f in files]
    suffixes = {Path(n).suffix.lower() for n in names}
    if len(files) == 1 and suffixes <= set(ARCHIVE_SUFFIXES):
        files[0].seek(0)
        head = files[0].read(4)
        files[0].seek(0)
        if head != ZIP_MAGIC:
            raise DomainError(
                _("%(name)s is not a real .zip or .xlsx file.") % {"name": names[0]},
                code="bad_file",
            )
    elif suffixes != {".csv"}:
        raise DomainError(
            _("Upload one .zip, one .xlsx workbook, or one or more .csv files (not a mix)."),
            code="bad_type",
        )
    else:
        for name in names:
            if not CSV_NAME.match(name):
                raise DomainError(
                    _("%(name)s: name the CSV files after their table, e.g. startups.csv.")
                    % {"name": name},
                    code="bad_name",
                )
        if len({n.lower() for n in names}) != len(names):
            raise DomainError(_("Two files have the same name."), code="bad_name")
    size = sum(f.size or 0 for f in files)
    limit = settings.TECHNOPARK_MAX_UPLOAD_BYTES
    if size > limit:
        raise DomainError(
            _("The upload is %(size).1f MB; the limit is %(limit).1f MB.")
            % {"size": size / 1e6, "limit": limit / 1e6},
            code="too_large",
        )


@transaction.atomic
def import_upload_create(*, files: list[UploadedFile], operator: Operator | None, by) -> ImportJob:
    """Store the files under MEDIA_ROOT (outside the web root) and queue their dry run."""
    _check_files(files)
    folder = upload_root() / uuid.uuid4().hex
    names = [Path(f.name).name for f in files]
    try:
        folder.mkdir(parents=True)
        if Path(names[0]).suffix.lower() in ARCHIVE_SUFFIXES:
            stored = folder / f"upload{Path(names[0]).suffix.lower()}"
            _save(files[0], stored)
        else:
            stored = folder / "csv"
            stored.mkdir()
            for upload, name in zip(files, names, strict=True):
                _save(upload, stored / name)
    except StorageFull:  # a full disk: keep none of the files
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job = ImportJob.objects.create(
        created_by=by,
        operator=operator,
        original_name=", ".join(names)[:300],
        stored_path=str(stored),
        size_bytes=sum(f.size or 0 for f in files),
    )
    _recorded("import.uploaded", job, by, files=len(names), size_bytes=job.size_bytes)
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: check_upload.enqueue(job.pk, language))
    return job


def _recorded(name: str, job: ImportJob, by, **payload) -> None:
    """One action per upload and step: the rows it imports are the import's, not actions."""
    record(name, job, by=by, payload={"import": job.pk, **payload})


def _save(upload: UploadedFile, target: Path) -> None:
    write_upload(target, upload.chunks())


@acts_for_by
def import_upload_confirm(*, job: ImportJob, by) -> ImportJob:
    """Run the real import of a checked upload (in the background)."""
    with transaction.atomic():
        updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
            status=ImportJob.Status.IMPORTING, confirmed_at=timezone.now()
        )
        if not updated:
            raise Conflict(_("This upload is not waiting for confirmation."), code="not_checked")
        _recorded("import.confirmed", job, by)
        language = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: import_upload.enqueue(job.pk, language))
    job.refresh_from_db()
    return job


@acts_for_by
def import_upload_retry(*, job: ImportJob, by) -> ImportJob:
    """Queue again a check or an import whose worker stopped in the middle (killed, crashed).

    The import runs in one transaction, so a worker that died left nothing written; the
    orphaned task row is marked failed and the same step is queued again.
    """
    from technopark.core.operations import fail_stalled_tasks
    from technopark.interchange.tasks import is_stalled, progress_key

    if not is_stalled(job):
        raise Conflict(
            _("This upload is not stopped: it is queued or running."), code="not_stalled"
        )
    task = check_upload if job.status == ImportJob.Status.CHECKING else import_upload
    with transaction.atomic():
        updated = ImportJob.objects.filter(pk=job.pk, status=job.status).update(failure="")
        if not updated:
            raise Conflict(_("This upload has changed; reload the page."), code="changed")
        fail_stalled_tasks(task_path=task.module_path, args_prefix=[job.pk])
        cache.delete(progress_key(job.pk))
        _recorded("import.retried", job, by, step=job.status)
        language = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: task.enqueue(job.pk, language))
    job.refresh_from_db()
    return job


@acts_for_by
def import_upload_cancel(*, job: ImportJob, by) -> ImportJob:
    """Drop a checked upload without importing it, and delete its file."""
    with transaction.atomic():
        updated = ImportJob.objects.filter(
            pk=job.pk, status__in=[ImportJob.Status.CHECKED, ImportJob.Status.REJECTED]
        ).update(status=ImportJob.Status.CANCELLED, finished_at=timezone.now())
        if not updated:
            raise Conflict(_("This upload can no longer be cancelled."), code="not_cancellable")
        _recorded("import.cancelled", job, by)
    folder = Path(job.stored_path)
    if folder.name == "csv" or folder.is_file():
        folder = folder.parent
    if upload_root() in folder.parents:
        shutil.rmtree(folder, ignore_errors=True)
    job.refresh_from_db()
    return job


@acts_for_by
def import_upload_remap(
    *, job: ImportJob, mapping: dict | None, corrections: dict, by
) -> ImportJob:
    """Check an upload again with the mapping the person confirmed and the cells they
    fixed on the preview's grid, without uploading the file again."""
    with transaction.atomic():
        updated = ImportJob.objects.filter(
            pk=job.pk, status__in=[ImportJob.Status.CHECKED, ImportJob.Status.REJECTED]
        ).update(
            status=ImportJob.Status.CHECKING,
            mapping=mapping,
            corrections=corrections,
            preview=None,
        )
        if not updated:
            raise Conflict(_("This upload can no longer be changed."), code="not_checked")
        _recorded("import.remapped", job, by, corrections=len(corrections or {}))
        language = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(lambda: check_upload.enqueue(job.pk, language))
    job.refresh_from_db()
    return job


@acts_for_by
@transaction.atomic
def import_mapping_keep(
    *, job: ImportJob, mapping: dict, fingerprint: str, shared: bool, site, by
) -> ImportMapping:
    """Keep a confirmed mapping for the next upload of the same kind of file: the person's
    own (one per kind of file), shared with the other sites when they say so."""
    if not fingerprint or not isinstance(mapping.get("sheets"), list):
        raise DomainError(_("This upload has no mapping to keep."), code="no_mapping")
    kept = ImportMapping.objects.filter(
        fingerprint=fingerprint, operator_id=job.operator_id, created_by=by
    ).first()
    if kept is None:
        kept = ImportMapping(fingerprint=fingerprint, operator_id=job.operator_id, created_by=by)
    kept.name = job.original_name[:200]
    kept.mapping = mapping
    kept.shared = shared
    kept.site = site
    kept.save()
    record(
        "import_mapping.kept",
        kept,
        by=by,
        site=getattr(site, "pk", site),
        payload={"import": job.pk, "shared": bool(shared)},
    )
    return kept
