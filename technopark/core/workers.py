"""Background workers' signs of life, and the jobs of a worker that died (killed, power cut).

`technopark worker` (the database queue's `db_worker` with a heartbeat) writes, every few
seconds, a key per worker id in the shared cache (Redis in production). A "running" job
row whose worker has given no sign of life for TECHNOPARK_JOB_STALL_SECONDS, or whose
worker id has just started again (systemd restarts a killed worker under the same id, and
a worker runs one job at a time), was lost: `jobs_recover` marks it failed (`WorkerLost`)
so that nothing reports it running for ever, then hands it to the app that owns the task
(`jobs_lost(rows)` in the app's `tasks.py`) to take it up again: an e-mail is sent again,
an import or a report shows **Retry**.

The recovery runs when a worker starts, in each worker's heartbeat every
TECHNOPARK_JOB_STALL_SECONDS, and in `technopark daily`; `/readyz` counts such jobs as
`lost`, not `running`.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.utils import timezone

log = logging.getLogger("technopark.workers")

LOST_CLASS = "technopark.core.operations.WorkerLost"
LOST_TRACEBACK = "The worker stopped while running this job; it was taken up again."


def lease_seconds() -> int:
    return settings.TECHNOPARK_JOB_STALL_SECONDS


def _beat_key(worker_id: str) -> str:
    return f"tasks:worker:{worker_id}"


def worker_beat(worker_id: str) -> None:
    """This worker is alive (for the next lease)."""
    cache.set(_beat_key(worker_id), time.time(), lease_seconds())


def _worker_of(row) -> str:
    return row.worker_ids[-1] if row.worker_ids else ""


def lost_jobs(*, dead_worker: str | None = None) -> list:
    """The running rows whose worker is gone: `dead_worker`'s own, or any worker without
    a sign of life for a lease (and started over a lease ago)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    if dead_worker is not None:
        return [r for r in running if _worker_of(r) == dead_worker]
    cutoff = timezone.now() - timedelta(seconds=lease_seconds())
    rows = list(running.filter(started_at__lt=cutoff))
    alive = cache.get_many([_beat_key(_worker_of(r)) for r in rows])
    return [r for r in rows if _beat_key(_worker_of(r)) not in alive]


def jobs_recover(*, dead_worker: str | None = None) -> int:
    """Mark the lost jobs failed and let their apps take them up again; how many."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from technopark.core.hooks import app_modules

    taken = []
    for row in lost_jobs(dead_worker=dead_worker):
        # Conditional: of several workers sweeping at once, one takes each row.
        if DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=LOST_CLASS,
            traceback=LOST_TRACEBACK,
        ):
            taken.append(row)
    if taken:
        log.warning("%d job(s) lost by a stopped worker, taken up again", len(taken))
        for module in app_modules("tasks"):
            if hasattr(module, "jobs_lost"):
                module.jobs_lost(taken)
    return len(taken)


def lost_count() -> int:
    return len(lost_jobs())


class Heartbeat(threading.Thread):
    """Beats every third of a lease; sweeps other workers' lost jobs once a lease."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(lease_seconds() / 3, 0.5)
        last_sweep = time.monotonic()
        while not self.stopped.wait(interval):
            try:
                worker_beat(self.worker_id)
                if time.monotonic() - last_sweep >= lease_seconds():
                    last_sweep = time.monotonic()
                    close_old_connections()
                    jobs_recover()
            except Exception:  # the cache or the database hiccups: beat again next time
                log.exception("worker heartbeat failed")
            finally:
                connection.close()
