"""Time the main staff pages against /healthz, one request at a time (docs/performance.md).

    .venv/bin/python bench/staff_pages.py [--var /tmp/technopark-staff] [--runs 15]

Seeds the full demo network once into a SQLite database under --var (TECHNOPARK_VAR_DIR,
kept between runs; `technopark seed-demo --size full`), then in this process, with the
Django test client signed in as the demo site manager of Casablanca and as the network's
leadership, requests /healthz and each staff page --runs times after one warm-up request
and prints the median, min and max in ms, the number of SQL queries, the size of the
page and each page's median against /healthz's. It prints figures only: no assertion on
time (the machine is shared; compare ratios).

The ratio here is of single-request latency, one process; `bench/pages.py` measures
throughput under 50 connections with gunicorn and wrk.

Before the pages, two rows measure the floor every signed-in page stands on (`--floor`
prints them alone): "signed in, nothing drawn" (the middleware, the session and the
user) and "signed in, empty page" (`base.html` with no content: the top bar, its bell,
the breadcrumbs, the footer). Both views exist only for the benches (bench/floor.py,
this process's ROOT_URLCONF). The last line says how many ms of CPU a page may spend
beyond the empty page's at 20 % of /healthz's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MANAGER = "manager.casa@demo.technopark.ma"
DIRECTION = "direction@demo.technopark.ma"


def pages() -> list[tuple[str, str, str]]:
    """(who, label, path) of the staff pages to time."""
    from technopark.desk.models import Desk

    desk = Desk.objects.filter(site__code="CASA").order_by("pk").first()
    rows = [
        (MANAGER, "site page", "/sites/CASA/"),
        (DIRECTION, "bilan", "/bilan/"),
        (MANAGER, "startups directory", "/startups/"),
        (MANAGER, "hosting: spaces", "/hosting/CASA/"),
        (MANAGER, "hosting: leases", "/hosting/CASA/contracts/"),
        (MANAGER, "booking", "/booking/CASA/"),
        (MANAGER, "programs", "/programs/"),
        (MANAGER, "applications", "/programs/applications/"),
    ]
    if desk is not None:
        rows.append((MANAGER, "desk manage", f"/desk/{desk.pk}/manage/"))
    return rows


def measure(client, path: str, runs: int, warm: int = 1) -> tuple[list[float], int, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warm):  # warm-up: imports, template loading, caches of the process
        client.get(path)
    # The queries are counted on one more request: the timed ones run without the
    # debug cursor, which would add its own bookkeeping to every query.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    count = len(queries)  # now: the next request empties the connection's query log
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    CPU[path] = statistics.median(cpu)
    return times, count, response.status_code, len(response.content)


# Median CPU time of this process per page (ms): steadier than wall time on a machine whose
# other processes take the cores away (SQLite's work is in-process, so it counts).
CPU: dict[str, float] = {}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--var", default="/tmp/technopark-staff", help="TECHNOPARK_VAR_DIR")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default="", help="time only the pages whose path has this")
    parser.add_argument("--floor", action="store_true", help="time only /healthz and the floor")
    args = parser.parse_args()
    var = Path(args.var)
    var.mkdir(parents=True, exist_ok=True)
    os.environ["TECHNOPARK_VAR_DIR"] = str(var)
    os.environ.setdefault("DEBUG", "0")
    os.environ["REQUIRE_STAFF_2FA"] = "0"
    os.environ["REQUEST_LOG"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.pop("DATABASE_URL", None)  # the var dir's own SQLite database
    db = var / "technopark.sqlite3"
    if not db.exists():
        env = {**os.environ}
        subprocess.run([BIN / "technopark", "migrate", "-v", "0"], env=env, check=True)
        subprocess.run([BIN / "technopark", "seed-demo", "--size", "full"], env=env, check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    # Not setup_test_environment(): its instrumented template rendering (a signal and a
    # copy of the context for every template drawn) would be measured with the pages.
    settings.ROOT_URLCONF = "bench.floor"
    users = get_user_model().objects
    clients = {}
    for email in (MANAGER, DIRECTION):
        client = Client()
        client.force_login(users.get(email=email))
        clients[email] = client
    anonymous = Client()

    # The fast ones many more times: a millisecond moves with the machine's other work.
    small = max(10 * args.runs, 200)
    health, hq, _status, _size = measure(anonymous, "/healthz", small, warm=20)
    base = statistics.median(health)
    print(f"load average before: {os.getloadavg()[0]:.1f}; {args.runs} runs per page")
    head = f"{'page':<22} {'path':<28} {'median':>8} {'min':>8} {'max':>8} {'CPU':>6} {'SQL':>4}"
    print(head + f" {'KiB':>6} {'x healthz':>9} {'% healthz':>9}")
    print("-" * (len(head) + 26))

    def line(label, path, times, queries, size, status=200):
        med = statistics.median(times)
        note = "" if status == 200 else f"  (HTTP {status})"
        print(
            f"{label:<22} {path:<28} {med:>8.1f} {min(times):>8.1f} {max(times):>8.1f}"
            f" {CPU[path]:>6.1f} {queries:>4} {size / 1024:>6.0f} {med / base:>9.1f} {100 * base / med:>8.0f}%"
            + note,
            flush=True,
        )

    line("healthz", "/healthz", health, hq, _size)
    from bench.floor import BARE, EMPTY

    for label, path in (("signed in, nothing", BARE), ("signed in, empty page", EMPTY)):
        times, queries, status, size = measure(clients[MANAGER], path, small, warm=20)
        line(label, path, times, queries, size, status)
    for who, label, path in pages():
        if args.floor or args.only and args.only not in path:
            continue
        times, queries, status, size = measure(clients[who], path, args.runs)
        line(label, path, times, queries, size, status)
    empty = CPU[EMPTY]
    print(
        f"at 20 % of /healthz a page may cost {5 * CPU['/healthz']:.1f} ms of CPU:"
        f" {5 * CPU['/healthz'] - empty:.1f} ms beyond the empty page's {empty:.1f}"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print("median/min/max wall ms, CPU = median CPU ms of this process;")
    print("'% healthz' = healthz median / page median (target >= 20 %)")


if __name__ == "__main__":
    main()
