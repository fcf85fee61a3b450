"""The same pages at 1× and 10× the network: queries and time per page (docs/performance.md).

    .venv/bin/python bench/scale.py [--size small] [--runs 7] [--var /tmp/technopark-scale]

Builds two demo networks once, in SQLite databases under --var (kept between runs):
`technopark seed-demo --size SIZE --scale 1` and `--scale 10`, and prints how long each
build took. Then, for each, in a process of its own signed in with the Django test client
as the role that uses each page, it opens every staff home and the main lists (startups,
invoices, applications, registrations, service requests, bookings, search), counts the
SQL queries of one request and takes the median CPU time of this process (SQLite's work
is in it; steadier than wall time on a shared machine) of --runs requests after a warm-up. It prints per page the queries and the median at 1× and at 10×, and the 10×/1×
ratios. Target: the same number of queries, no page more than 1.3× slower. Figures only,
no assertion (the machine is shared). A list whose default view holds less than a page at
1× and a full page at 10× draws more rows, not slower ones; it is also measured with the
same rows at both scales (`contracts: full page`, `invoices: a month of 1`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SCALES = (1, 10)
TARGET = 1.3

MANAGER = "manager.casa@demo.technopark.ma"
DIRECTION = "direction@demo.technopark.ma"
OFFICER = "officer.casa@demo.technopark.ma"
AGENT = "agent.ompic@demo.technopark.ma"
PARTNER = "partner@demo.technopark.ma"
EXPERT = "expert@demo.technopark.ma"
FOUNDER = "founder@demo.technopark.ma"


def pages() -> list[tuple[str, str, str]]:
    """(who, label, path): every staff home, then the main lists as who uses them."""
    from technopark.community.models import Event

    rows = [
        (DIRECTION, "home: network admin", "/"),
        (MANAGER, "home: site manager", "/"),
        (OFFICER, "home: program officer", "/"),
        (AGENT, "home: desk agent", "/"),
        (PARTNER, "home: partner", "/"),
        (EXPERT, "home: expert", "/"),
        (FOUNDER, "home: founder", "/"),
        (MANAGER, "startups", "/startups/"),
        (DIRECTION, "startups (network)", "/startups/"),
        (MANAGER, "invoices", "/billing/CASA/invoices/"),
        # Like with like: the month of the demo's one invoice issued ahead (January next
        # year), one row at 1x and at 10x; what is left to grow is the rest of the page.
        (MANAGER, "invoices: a month of 1", f"/billing/CASA/invoices/?month={_ahead()}"),
        (OFFICER, "applications", "/programs/applications/"),
        (MANAGER, "support requests", "/support/queue/"),
        (MANAGER, "bookings", "/booking/list/"),
        (MANAGER, "contracts", "/hosting/CASA/contracts/"),
        # Like with like: every contract, a full page (50 rows) at 1x (123) and at 10x.
        (MANAGER, "contracts: full page", "/hosting/CASA/contracts/?status=all"),
        (MANAGER, "search: a name", "/search/?q=sahara"),
        (DIRECTION, "search: network", "/search/?q=bennani"),
        (FOUNDER, "search: founder", "/search/?q=facture"),
    ]
    event = Event.objects.filter(site__code="CASA").order_by("-confirmed", "pk").first()
    if event is not None:
        rows.append((MANAGER, "registrations", f"/community/events/{event.pk}/manage/"))
    return rows


def _ahead() -> str:
    import datetime as dt

    first = dt.date.today().replace(day=1)
    return (first + dt.timedelta(days=32)).strftime("%Y-%m")


def build(var: Path, size: str, scale: int) -> float | None:
    """Seed the demo at `scale` into `var` unless it is there; the seconds it took."""
    var.mkdir(parents=True, exist_ok=True)
    env = _env(var)
    if (var / "technopark.sqlite3").exists():
        return None
    subprocess.run([PY, "-m", "technopark", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    start = time.perf_counter()
    subprocess.run(
        [PY, "-m", "technopark", "seed-demo", "--size", size, "--scale", str(scale)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def _env(var: Path) -> dict[str, str]:
    env = {**os.environ}
    env.pop("DATABASE_URL", None)  # the var dir's own SQLite database
    env.update(
        TECHNOPARK_VAR_DIR=str(var),
        MEDIA_ROOT=str(var / "uploads"),
        DEBUG="0",
        REQUIRE_STAFF_2FA="0",
        REQUEST_LOG="0",
        ALLOWED_HOSTS="testserver,127.0.0.1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONPATH=str(ROOT),
    )
    return env


def measure_here(runs: int) -> dict:
    """In this process (one database): {label: [queries, median ms, status, who]}."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from technopark.startups.models import Startup

    users = get_user_model().objects
    clients: dict[str, Client] = {}
    out = {"_startups": Startup.objects.count()}
    for who, label, path in pages():
        if who not in clients:
            clients[who] = Client()
            clients[who].force_login(users.get(email=who))
        client = clients[who]
        client.get(path)  # warm-up
        # Counted by a wrapper, not CaptureQueriesContext: the test client's request_started
        # empties the connection's query log, which that context reads by position.
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(path)
        # CPU time of this process (SQLite's work is in it): steadier than wall time on a
        # machine whose other processes take the cores away.
        times = []
        for _ in range(runs):
            start = time.process_time()
            client.get(path)
            times.append((time.process_time() - start) * 1000)
        out[label] = [len(queries), statistics.median(times), response.status_code, path]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--var", default="/tmp/technopark-scale")
    parser.add_argument("--size", default="small", choices=["small", "full"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_here(args.runs)))
        return
    results = {}
    for scale in SCALES:
        var = Path(args.var) / f"{args.size}-x{scale}"
        took = build(var, args.size, scale)
        if took is not None:
            print(f"seed-demo --size {args.size} --scale {scale}: {took:.0f} s", flush=True)
        done = subprocess.run(
            [PY, __file__, "--measure", "--runs", str(args.runs)],
            env=_env(var),
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        results[scale] = json.loads(done.stdout.strip().splitlines()[-1])
    one, ten = results[1], results[10]
    print(f"startups: {one.pop('_startups')} at 1x, {ten.pop('_startups')} at 10x")
    head = f"{'page':<24} {'SQL 1x':>6} {'SQL 10x':>7} {'CPU ms 1x':>9} {'CPU ms 10x':>10} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    worst = 0.0
    for label, (q1, t1, s1, _path) in one.items():
        q10, t10, s10, _p = ten[label]
        ratio = t10 / t1 if t1 else 0.0
        worst = max(worst, ratio)
        flag = "" if q10 == q1 and ratio <= TARGET else "  <--"
        status = "" if s1 == s10 == 200 else f"  (HTTP {s1}/{s10})"
        print(f"{label:<24} {q1:>6} {q10:>7} {t1:>9.1f} {t10:>10.1f} {ratio:>6.2f}{flag}{status}")
    print(f"worst ratio {worst:.2f} (target <= {TARGET}); load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
