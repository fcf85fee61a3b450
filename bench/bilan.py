"""Benchmark of the bilan: import, API, CLI and dashboard on SQLite and PostgreSQL.

    .venv/bin/python bench/bilan.py [--n 100000] [--db sqlite,postgres] [--work /tmp/bench]

On a shared PostgreSQL server, name a database of your own: BENCH_PG_NAME=tp_mine_100k (the
default is tp_bilan_bench; it is dropped and created again).

Builds a network of N startups with 25 years of records as an interchange CSV folder
(bench/network.py), then for each database: a fresh database, `technopark migrate`,
`technopark import-data` (wall time and peak memory from /usr/bin/time -v), the bilan
through the API on a warm gunicorn server (1 worker, real HTTP, bearer token; median of 5
after 2 warm-up calls) for the network and each site, the CLI (`technopark bilan --format
json`, a new process each time), the number of SQL queries of a bilan, and the dashboard
page (Django test client in a warm process; median of 3). Prints a table and writes
results.json in the work folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
AS_OF = "2022-11-30"
SITES = ["CASA", "RABAT", "TANGER", "AGA-CISM", "AGA-TP"]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_NAME = os.environ.get("BENCH_PG_NAME", "tp_bilan_bench")  # one of your own on a shared server


def run(args, env, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, cwd=ROOT, text=True, capture_output=True, **kwargs)


def check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        sys.exit(f"{what} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def fresh_env(db: str, work: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(REQUIRE_STAFF_2FA="0", DJANGO_SETTINGS_MODULE="technopark.settings")
    env["TECHNOPARK_VAR_DIR"] = str(work / db)
    (work / db).mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        (work / db / "technopark.sqlite3").unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            c.execute(f"CREATE DATABASE {PG_NAME}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    return env


def timed_import(env: dict, folder: Path) -> dict:
    result = run(
        ["/usr/bin/time", "-v", str(BIN / "technopark"), "import-data", str(folder),
         "--quiet-progress"],
        env,
    )  # fmt: skip
    check(result, "import-data")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", result.stderr)
    hours, minutes, seconds = (float(x or 0) for x in wall.groups())
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return {"import_s": hours * 3600 + minutes * 60 + seconds, "import_peak_mib": peak / 1024}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_times(env: dict, token: str, scopes: list[str]) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "technopark.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1",
         "--timeout", "300"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/api/v1/bilan?as_of={AS_OF}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        times = {}
        for scope in scopes:
            url = base if scope == "network" else f"{base}&site={scope}"
            request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
            samples = []
            for i in range(7):
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=300) as response:
                    body = json.load(response)
                if i >= 2:
                    samples.append(time.perf_counter() - started)
            times[scope] = statistics.median(samples)
            if scope == "network":
                times["network_kpis"] = body["kpis"]
        return times
    finally:
        server.terminate()
        server.wait(10)


IN_PROCESS = """
import json, statistics, time, datetime as dt
import django; django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from technopark.accounts.models import User
from technopark.impact.engine import compute_bilan
day = dt.date.fromisoformat("%(as_of)s")
compute_bilan(as_of=day)
with CaptureQueriesContext(connection) as q:
    compute_bilan(as_of=day)
queries = len(q.captured_queries)  # now: each request of the test client resets the log
engine = []
for _ in range(5):
    t = time.perf_counter(); compute_bilan(as_of=day); engine.append(time.perf_counter() - t)
client = Client(); client.force_login(User.objects.get(email="bench@example.ma"))
pages = {}
for name, url in (("dashboard", "/bilan/?as_of=%(as_of)s"), ("trends", "/bilan/trends/?as_of=%(as_of)s"),
                  ("figure", "/bilan/figure/residents/?as_of=%(as_of)s")):
    client.get(url); samples = []
    for _ in range(3):
        t = time.perf_counter(); r = client.get(url); samples.append(time.perf_counter() - t)
        assert r.status_code == 200, (url, r.status_code)
    pages[name] = statistics.median(samples)
print(json.dumps({"queries": queries, "engine_s": statistics.median(engine), **pages}))
"""


QUERIES = """
import datetime as dt
import django; django.setup()
from django.db import connection
from django.test.utils import CaptureQueriesContext
from technopark.impact.engine import compute_bilan
with CaptureQueriesContext(connection) as q:
    compute_bilan(as_of=dt.date.fromisoformat("%(as_of)s"))
print(len(q.captured_queries))
"""


def existing_env(db: str, work: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(REQUIRE_STAFF_2FA="0", DJANGO_SETTINGS_MODULE="technopark.settings")
    env["TECHNOPARK_VAR_DIR"] = str(work / db)
    if db == "postgres":
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_NAME}"
    return env


def bench_database(
    db: str, work: Path, folder: Path, measure_only: bool = False, api_only: bool = False
) -> dict:
    if measure_only:
        env = existing_env(db, work)
        result = {"import_s": float("nan"), "import_peak_mib": float("nan")}
    else:
        env = fresh_env(db, work)
        check(run([str(BIN / "technopark"), "migrate", "-v0"], env), "migrate")
        result = timed_import(env, folder)
    # What a deployment does after a bulk load: refresh the planner's statistics (PostgreSQL's
    # autovacuum would do it within minutes; SQLite never does it by itself).
    # PostgreSQL's autovacuum also VACUUMs a freshly loaded table within minutes, which
    # sets the visibility map that index-only scans need (the bilan reads indexes only).
    statement = "VACUUM ANALYZE" if db == "postgres" else "ANALYZE"
    analyze = f"from django.db import connection; connection.cursor().execute('{statement}')"
    check(run([str(BIN / "technopark"), "shell", "-c", analyze], env), statement)
    check(
        run([str(BIN / "technopark"), "adduser", "bench@example.ma", "--role", "network_admin"],
            env, input="bench-password-2026\n"),
        "adduser",
    )  # fmt: skip
    token = run([str(BIN / "technopark"), "api-token", "bench@example.ma"], env)
    check(token, "api-token")
    scopes = ["network"] if api_only else ["network", *SITES]
    result["api_s"] = api_times(env, token.stdout.strip().splitlines()[-1], scopes)
    if api_only:
        queries = run([str(BIN / "python"), "-c", QUERIES % {"as_of": AS_OF}], env)
        check(queries, "queries")
        result["queries"] = int(queries.stdout.strip().splitlines()[-1])
        return result
    cli = []
    for _ in range(3):
        started = time.perf_counter()
        out = run([str(BIN / "technopark"), "bilan", "--as-of", AS_OF, "--format", "json"], env)
        cli.append(time.perf_counter() - started)
        check(out, "bilan")
    result["cli_s"] = min(cli)
    inner = run([str(BIN / "python"), "-c", IN_PROCESS % {"as_of": AS_OF}], env)
    check(inner, "in-process measures")
    result.update(json.loads(inner.stdout.strip().splitlines()[-1]))
    return result


def main() -> None:
    global PG_NAME
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--work", default="/tmp/technopark-bench")
    parser.add_argument("--reuse", action="store_true", help="Keep an existing CSV folder.")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="Keep the databases of a previous run: measure the bilan, not the import.",
    )
    parser.add_argument(
        "--api-only",
        action="store_true",
        help="Only the network bilan through the API and its number of SQL queries.",
    )
    parser.add_argument("--pg-name", default=PG_NAME, help="The PostgreSQL database to use.")
    options = parser.parse_args()
    PG_NAME = options.pg_name
    from bench.network import build

    work = Path(options.work)
    folder = work / f"network-{options.n}"
    if not (options.reuse or options.measure_only) or not (folder / "startups.csv").exists():
        started = time.perf_counter()
        rows = build(folder, options.n)
        print(f"Built {folder} in {time.perf_counter() - started:.1f} s: {rows}")
    results = {"n": options.n, "as_of": AS_OF}
    for db in options.db.split(","):
        print(f"--- {db}")
        results[db] = bench_database(db, work, folder, options.measure_only, options.api_only)
        r = results[db]
        api = r["api_s"]
        print(f"load average         {os.getloadavg()[0]:8.1f}")
        print(f"import-data          {r['import_s']:8.1f} s   peak {r['import_peak_mib']:.0f} MiB")
        print(f"API bilan network    {api['network']:8.3f} s   (gunicorn, warm, median of 5)")
        if options.api_only:
            print(f"SQL queries          {r['queries']:8d}")
            continue
        for site in SITES:
            print(f"API bilan {site:<10} {api[site]:8.3f} s")
        print(f"engine in process    {r['engine_s']:8.3f} s   {r['queries']} SQL queries")
        print(f"CLI bilan --format json {r['cli_s']:5.2f} s   (new process, incl. start-up)")
        print(f"dashboard page       {r['dashboard']:8.3f} s   + charts {r['trends']:.3f} s")
        print(f"figure drill-down    {r['figure']:8.3f} s   (residents, first 500 rows)")
    name = "results-measure.json" if options.measure_only else "results.json"
    (work / name).write_text(json.dumps(results, indent=1, default=str))
    print(f"Results in {work / name}")


if __name__ == "__main__":
    main()
