"""`technopark worker`: the database queue's worker (`db_worker`), with a heartbeat.

Run it as `db_worker` (same options), with a stable `--worker-id` per worker slot (the
systemd unit uses `%H-worker-%i`). On start it takes up the jobs its previous self was
running when it was killed; while it runs, it beats in the cache and sweeps the jobs of
workers that stopped beating (`technopark/core/workers.py`).
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from technopark.core.commands import TranslatedCommand
from technopark.core.workers import Heartbeat, jobs_recover, worker_beat


class Command(TranslatedCommand, DbWorkerCommand):
    help = "Run a background worker: db_worker, with a heartbeat and lost jobs taken up again."

    def handle(self, *args, **options):
        worker_id = options["worker_id"]
        worker_beat(worker_id)
        jobs_recover(dead_worker=worker_id)  # what this id was running when it died
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stopped.set()
