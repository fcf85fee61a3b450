"""What an operator watches: readiness, the task queue, request logs and Prometheus metrics.

- `/healthz`: the process answers (no database, no cache: a load balancer's liveness probe).
- `/readyz`: the database and the cache answer, and how deep and how old the task queue is
  (JSON; 503 when the database or the cache fails, or when the oldest waiting job is older
  than `READY_MAX_QUEUE_AGE` seconds if that is set).
- `/metrics`: Prometheus text format: request latency by view, queue depth, the oldest
  job's age, running and failed tasks. Protected: with `METRICS_TOKEN` set, only a request
  with `Authorization: Bearer <token>` gets it; without, only loopback addresses. Anyone
  else gets a 404.
- `server_error`: the 500 handler; when the database is down (the connection refused or
  lost) it answers 503 with `Retry-After`: `{"code": "unavailable", ...}` under `/api/`, a
  page that needs no database elsewhere; any other error stays the plain 500.
- `RequestLogMiddleware`: one log line per request (`technopark.request`, JSON in
  production) with the method, path, view, status, duration in ms and user id.
"""

from __future__ import annotations

import hmac
import logging
import os
import sys
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

from technopark.core.client_address import client_ip

log = logging.getLogger("technopark.request")

REQUEST_LATENCY = Histogram(
    "technopark_request_duration_seconds",
    "Time to answer a request, by view (URL name) and method.",
    ["view", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


def _uses_db_queue() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def queue_stats() -> dict:
    """Waiting, running, lost (their worker died) and failed background jobs, and the age
    of the oldest waiting one.

    Only the database backend has a queue to look at; the in-process backend of the demo
    and the tests runs each job at once, so its queue is always empty.
    """
    stats = {"backend": settings.TASKS_BACKEND, "depth": 0, "running": 0, "failed": 0}
    stats["lost"] = 0
    stats["oldest_age_seconds"] = 0.0
    if not _uses_db_queue():
        return stats
    from django.db.models import Count, Min, Q
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.aggregate(
        depth=Count("id", filter=Q(status=TaskResultStatus.READY)),
        running=Count("id", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("id", filter=Q(status=TaskResultStatus.FAILED)),
        oldest=Min("enqueued_at", filter=Q(status=TaskResultStatus.READY)),
    )
    stats.update(depth=row["depth"], running=row["running"], failed=row["failed"])
    if row["running"]:  # a job whose worker died is "lost" until a sweep takes it up again
        from technopark.core.workers import lost_count

        stats["lost"] = lost_count()
        stats["running"] -= stats["lost"]
    if row["oldest"] is not None:
        stats["oldest_age_seconds"] = round((timezone.now() - row["oldest"]).total_seconds(), 1)
    return stats


def fail_stalled_tasks(*, task_path: str, args_prefix: list, kwargs: dict | None = None) -> int:
    """Mark as failed the "running" rows of a task whose worker died (SIGKILL, power cut).

    Such a row would otherwise stay "running" for ever. Called by the retry services once
    the job they own has shown no sign of life for TECHNOPARK_JOB_STALL_SECONDS.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=task_path)
    stale = [
        r.pk
        for r in rows
        if r.args_kwargs.get("args", [])[: len(args_prefix)] == args_prefix
        and all(r.args_kwargs.get("kwargs", {}).get(k) == v for k, v in (kwargs or {}).items())
    ]
    return DBTaskResult.objects.filter(pk__in=stale, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="technopark.core.operations.WorkerLost",
        traceback="The worker stopped while running this job; it was queued again.",
    )


def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up and answering (touches neither the database nor the cache)."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    checks: dict = {}
    ready = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # report it, do not crash the probe
        checks["database"] = f"error: {type(exc).__name__}"
        ready = False
    try:
        key = f"readyz:{uuid.uuid4().hex}"
        cache.set(key, 1, 10)
        checks["cache"] = "ok" if cache.get(key) == 1 else "error: value not kept"
        cache.delete(key)
    except Exception as exc:
        checks["cache"] = f"error: {type(exc).__name__}"
    if checks["cache"] != "ok":
        ready = False
    try:
        checks["queue"] = queue_stats()
    except Exception as exc:
        checks["queue"] = {"error": type(exc).__name__}
        ready = False
    limit = settings.TECHNOPARK_READY_MAX_QUEUE_AGE
    if limit and checks["queue"].get("oldest_age_seconds", 0) > limit:
        checks["queue"]["error"] = "oldest job waits longer than READY_MAX_QUEUE_AGE"
        ready = False
    body = {"status": "ok" if ready else "unavailable", **checks}
    return JsonResponse(body, status=200 if ready else 503)


# What a database that is down or unreachable raises: the connection refused, dropped or
# closed under the request (a statement timeout is an OperationalError too: also "retry").
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 and Retry-After: JSON for the API (and the .json feeds), a page drawn without the
    database elsewhere."""
    message = _("The service is briefly unavailable: please try again in a moment.")
    if request.path.startswith("/api/") or request.path.endswith(".json"):
        response = JsonResponse({"code": "unavailable", "message": message}, status=503)
    else:
        html = render_to_string("503.html", {"message": message})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler (urls.handler500), called while the exception is being handled."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable(request)
    return defaults.server_error(request)


class QueueCollector:
    """Queue figures read from the database at scrape time (right whichever process asks)."""

    def collect(self):
        try:
            stats = queue_stats()
        except Exception:  # a scrape must not fail because the database hiccups
            return
        for name, key, doc in (
            ("technopark_tasks_queued", "depth", "Background jobs waiting for a worker."),
            ("technopark_tasks_running", "running", "Background jobs being run."),
            (
                "technopark_tasks_lost",
                "lost",
                "Running background jobs whose worker stopped (taken up by the next sweep).",
            ),
            ("technopark_tasks_failed", "failed", "Background jobs that ended in failure."),
            (
                "technopark_tasks_oldest_age_seconds",
                "oldest_age_seconds",
                "Age of the oldest waiting background job.",
            ),
        ):
            yield GaugeMetricFamily(name, doc, value=stats[key])


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Several gunicorn workers: add up what each process wrote to the shared folder.
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in list(REGISTRY._collector_to_names):
            registry.register(collector)
    registry.register(QueueCollector())
    return registry


def _metrics_allowed(request: HttpRequest) -> bool:
    token = settings.TECHNOPARK_METRICS_TOKEN
    if token:
        header = request.headers.get("Authorization", "")
        return hmac.compare_digest(header.encode(), f"Bearer {token}".encode())
    return client_ip(request) in ("127.0.0.1", "::1")


def metrics(request: HttpRequest) -> HttpResponse:
    if not _metrics_allowed(request):
        raise Http404
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)


class RequestLogMiddleware:
    """One structured log line and one latency observation per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match else "") or "unresolved"
        REQUEST_LATENCY.labels(view=view, method=request.method).observe(duration)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "view": view,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 2),
                "user_id": user_id,
            },
        )
        return response


def stall_cutoff():
    return timezone.now() - timedelta(seconds=settings.TECHNOPARK_JOB_STALL_SECONDS)
