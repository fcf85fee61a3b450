"""Health, readiness, metrics and request logs, as an operator's probes see them."""

import json
import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from technopark.notifications.tasks import send_email

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_answers_without_the_database():
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OSError):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_database_cache_and_queue():
    body = Client().get("/readyz").json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["queue"]["depth"] == 0


def test_readyz_is_503_when_the_database_fails():
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OSError):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("error")


def test_readyz_counts_waiting_jobs_and_can_require_a_fresh_queue(settings):
    settings.TASKS = DB_QUEUE
    settings.TASKS_BACKEND = "database"
    send_email.enqueue(0)
    body = Client().get("/readyz").json()
    assert body["queue"]["depth"] == 1
    settings.TECHNOPARK_READY_MAX_QUEUE_AGE = 60
    assert Client().get("/readyz").status_code == 200
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["queue"]["oldest_age_seconds"] >= 299


def test_metrics_from_loopback_show_latency_by_view_and_the_queue(settings):
    settings.TASKS = DB_QUEUE
    send_email.enqueue(0)
    client = Client()
    client.get("/healthz")
    text = client.get("/metrics").content.decode()
    assert 'technopark_request_duration_seconds_count{method="GET",view="core:healthz"}' in text
    assert "technopark_tasks_queued 1.0" in text


def test_metrics_need_the_token_when_one_is_set(settings):
    settings.TECHNOPARK_METRICS_TOKEN = "s3cret-metrics-token"
    client = Client()
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token")
    assert ok.status_code == 200


def test_metrics_are_hidden_from_other_addresses():
    assert Client(REMOTE_ADDR="203.0.113.9").get("/metrics").status_code == 404


def test_one_json_log_line_per_request_with_duration_and_user(cast, caplog, settings):
    from pythonjsonlogger.json import JsonFormatter

    caplog.set_level(logging.INFO, logger="technopark.request")
    cast.client("founder" if hasattr(cast, "founder") else "owner").get("/healthz")
    records = [r for r in caplog.records if r.name == "technopark.request"]
    assert len(records) == 1
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert line["view"] == "core:healthz"
    assert line["duration_ms"] >= 0
    assert line["user_id"] == cast.owner.pk
