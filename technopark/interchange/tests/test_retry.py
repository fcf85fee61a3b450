"""A worker killed in the middle of an import: nothing written, the page offers a retry."""

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from technopark.interchange.models import ImportJob
from technopark.interchange.tasks import write_progress
from technopark.interchange.tests.helpers import BASE, write
from technopark.startups.models import Startup

pytestmark = pytest.mark.django_db


def _importing_job(cast, tmp_path) -> ImportJob:
    folder = write(tmp_path / "csv", startups=BASE["startups"] + "S9,Reprise\n")
    return ImportJob.objects.create(
        created_by=cast.admin,
        original_name="network.zip",
        stored_path=str(folder),
        status=ImportJob.Status.IMPORTING,
        preview={"ok": True, "errors": [], "warnings": [], "counts": {}},
    )


def test_a_job_whose_worker_died_is_shown_stopped_and_can_be_queued_again(
    cast, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.TECHNOPARK_JOB_STALL_SECONDS = 0
    job = _importing_job(cast, tmp_path)
    # The dead worker's last heartbeat, and its task row left "running".
    write_progress(job.pk, "startups", 2, 4)
    orphan = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [job.pk, "fr"], "kwargs": {}},
        task_path="technopark.interchange.tasks.import_upload",
        backend_name="default",
        queue_name="default",
        run_after="9999-01-01T00:00:00Z",
    )
    client = cast.client("admin")
    page = client.get(f"/interchange/jobs/{job.pk}/").content.decode()
    assert "nothing was written" in page
    assert f"/interchange/jobs/{job.pk}/retry/" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/interchange/jobs/{job.pk}/retry/").status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Startup.objects.filter(ref="S9").exists()
    orphan.refresh_from_db()
    assert orphan.status == TaskResultStatus.FAILED


def test_a_job_that_is_alive_cannot_be_queued_twice(cast, tmp_path, settings):
    settings.TECHNOPARK_JOB_STALL_SECONDS = 600
    job = _importing_job(cast, tmp_path)
    write_progress(job.pk, "startups", 2, 4)
    client = cast.client("admin")
    assert (
        f"/interchange/jobs/{job.pk}/retry/"
        not in client.get(f"/interchange/jobs/{job.pk}/").content.decode()
    )
    client.post(f"/interchange/jobs/{job.pk}/retry/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.IMPORTING
    assert not Startup.objects.filter(ref="S9").exists()
