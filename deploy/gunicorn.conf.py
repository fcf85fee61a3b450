"""gunicorn settings for the Technopark application servers (see deploy/systemd/).

The address comes from GUNICORN_BIND (the unit sets it per instance); the number of
workers from GUNICORN_WORKERS (default: 2 per core + 1). With several workers, the
Prometheus metrics are added up across processes through PROMETHEUS_MULTIPROC_DIR.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
# One JSON line per request comes from the application (technopark.request); gunicorn's
# own access log would repeat it.
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
