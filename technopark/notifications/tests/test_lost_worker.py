"""A worker killed while it sends an e-mail: the job is taken up again, the e-mail sent once.

The killed worker is reproduced as it leaves the database: its job row "running" under its
worker id, the e-mail claimed ("sending") by that job, and no heartbeat (core/workers.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from technopark.core.workers import worker_beat
from technopark.notifications.models import EmailLog
from technopark.notifications.tasks import send_email

pytestmark = pytest.mark.django_db(transaction=True)

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _killed_while_sending(settings, worker_id: str, *, minutes_ago: int = 20) -> EmailLog:
    """What `kill -9` of a worker in the middle of SMTP leaves behind."""
    settings.TASKS = DB_QUEUE
    log = EmailLog.objects.create(
        kind="booking.confirmed",
        to_address="amina@atlas.ma",
        language="fr",
        subject="Réservation confirmée",
        body_text="Votre réservation est confirmée.",
    )
    job = send_email.enqueue(log.pk)
    started = timezone.now() - timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=job.id).update(
        status="RUNNING", started_at=started, worker_ids=[worker_id]
    )
    EmailLog.objects.filter(pk=log.pk).update(
        status=EmailLog.Status.SENDING, attempts=1, claimed_at=timezone.now(), claimed_by=job.id
    )
    return log


def _worker(worker_id: str) -> None:
    call_command(
        "worker", "--batch", "--no-reload", "--no-startup-delay", "--worker-id", worker_id,
        verbosity=0,
    )  # fmt: skip


def test_a_worker_restarted_under_its_id_sends_the_e_mail_once(settings, smtp_inbox):
    log = _killed_while_sending(settings, "host-worker-1", minutes_ago=0)
    queue = Client().get("/readyz").json()["queue"]
    assert (queue["running"], queue["lost"]) == (1, 0)  # just started: not yet known lost

    _worker("host-worker-1")  # systemd starts it again, under the same id

    log.refresh_from_db()
    assert (log.status, log.attempts) == (EmailLog.Status.SENT, 2)
    assert [str(m["To"]) for m in smtp_inbox.messages] == ["amina@atlas.ma"]
    lost = DBTaskResult.objects.get(status="FAILED")
    assert lost.exception_class_path.endswith("WorkerLost")
    queue = Client().get("/readyz").json()["queue"]
    assert (queue["running"], queue["lost"], queue["depth"]) == (0, 0, 0)

    _worker("host-worker-1")
    call_command("daily", verbosity=0)
    assert len(smtp_inbox.messages) == 1  # sent once


def test_daily_takes_up_the_job_of_a_worker_that_never_came_back(settings, smtp_inbox):
    log = _killed_while_sending(settings, "host-worker-2")
    queue = Client().get("/readyz").json()["queue"]
    assert (queue["running"], queue["lost"]) == (0, 1)  # lost, not "running for ever"

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("daily", verbosity=0)

    log.refresh_from_db()
    assert log.status == EmailLog.Status.SENT
    assert [str(m["To"]) for m in smtp_inbox.messages] == ["amina@atlas.ma"]
    call_command("daily", verbosity=0)
    assert len(smtp_inbox.messages) == 1


def test_a_job_whose_worker_still_beats_is_left_running(settings, smtp_inbox):
    log = _killed_while_sending(settings, "host-worker-3")
    worker_beat("host-worker-3")  # alive: a slow SMTP server, not a dead worker
    assert Client().get("/readyz").json()["queue"]["lost"] == 0
    call_command("daily", verbosity=0)
    log.refresh_from_db()
    assert log.status == EmailLog.Status.SENDING
    assert smtp_inbox.messages == []
