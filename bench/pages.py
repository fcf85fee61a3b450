"""Throughput of the main pages against /healthz, under 50 connections (docs/performance.md).

    .venv/bin/python bench/pages.py [--work /tmp/technopark-pages] [--duration 10]
        [--rounds 3] [--only staff|public]

Seeds the demo network once into a SQLite database under --work (kept between runs, and
migrated at each run), starts gunicorn with production settings (DEBUG off, the cache in
Redis when --redis is given, else in each worker's memory), then runs `wrk -c 50`
(Debian: `apt-get install wrk`) against /healthz and each page, anonymous for the public
pages and signed in for the staff pages. The servers run the project's application with
the floor's two pages in front of its URLs (bench/floor.py, bench/floor_wsgi.py): what a
signed-in request costs with nothing drawn, and with an empty page. Each page is
measured right after its own /healthz run (the machine is shared: its load moves within
a minute), and the ratio is
page / that /healthz; with --rounds N every page is measured N times, in turn, and the
last table gives each page's median ratio. "CPU ms" is the gunicorn workers' CPU time
per request during the page's run and during its /healthz run (from /proc), which the
other processes of a shared machine move much less than the rates.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PUBLIC = [
    "/",
    "/open/",
    "/open/figures.json",
    "/open/figures.csv",
    "/open/startups/",
    "/startups/",
    "/sites/",
    "/sites/CASA/",
    "/community/events/",
]
STAFF = [
    ("manager.casa@demo.technopark.ma", "/sites/CASA/"),
    ("direction@demo.technopark.ma", "/bilan/"),
    ("manager.casa@demo.technopark.ma", "/hosting/CASA/"),
    ("manager.casa@demo.technopark.ma", "/booking/CASA/"),
    # For scale: a small signed-in page (the fixed cost of every signed-in request).
    ("manager.casa@demo.technopark.ma", "/programs/"),
    # The floor (bench/floor.py): signed in, nothing drawn; signed in, an empty page.
    ("manager.casa@demo.technopark.ma", "/bench-floor/bare/"),
    ("manager.casa@demo.technopark.ma", "/bench-floor/empty/"),
]


def workers_cpu(master: int) -> float:
    """CPU seconds (user + system) the gunicorn workers have used so far."""
    total = 0.0
    pids = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    for pid in pids.split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wrk(url: str, duration: int, cookie: str | None = None, master: int = 0) -> tuple[float, float]:
    """Requests per second, and the workers' CPU ms per request (less moved by the load of
    the machine's other processes than the rate is)."""
    argv = ["wrk", "-t", "2", "-c", "50", "-d", f"{duration}s", "--timeout", "30s", url]
    if cookie:
        argv[1:1] = ["-H", f"Cookie: {cookie}"]
    before = workers_cpu(master)
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    used = workers_cpu(master) - before
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    done = int(re.search(r"(\d+) requests in", out).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), 1000 * used / done


def drain(base: str, workers: int) -> None:
    """Wait for the requests wrk left queued (50 connections, `workers` busy) to be served,
    so the next page is not measured behind the previous page's backlog."""
    for _ in range(workers):
        requests.get(f"{base}/healthz", timeout=300)


def login(base: str, email: str) -> str:
    s = requests.Session()
    s.get(f"{base}/accounts/login/", timeout=30)
    r = s.post(
        f"{base}/accounts/login/",
        data={
            "login": email,
            "password": "technopark-demo",
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 302, r.text[:300]
    # The session only: the login's flash message would be replayed with every request.
    return "; ".join(f"{k}={v}" for k, v in s.cookies.items() if k != "messages")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", default="/tmp/technopark-pages")
    parser.add_argument("--port", type=int, default=18180)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--redis", default="", help="REDIS_URL for the cache (e.g. db 7)")
    parser.add_argument("--rounds", type=int, default=1, help="measure every page N times")
    parser.add_argument("--only", choices=["staff", "public"], default=None)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DEBUG": "0",
        "TECHNOPARK_VAR_DIR": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'pages.sqlite3'}",
        "REQUIRE_STAFF_2FA": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": args.redis,
        "REQUEST_LOG": "0",  # measure the pages, not the terminal
        "API_RATE_LIMIT_IP": "100000000/m",
        "STATIC_ROOT": str(work / "static"),
    }
    (work / "static").mkdir(exist_ok=True)
    seeded = (work / "pages.sqlite3").exists()
    subprocess.run([BIN / "technopark", "migrate", "-v", "0"], env=env, check=True)
    if not seeded:
        subprocess.run([BIN / "technopark", "seed-demo"], env=env, check=True)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [BIN / "gunicorn", "bench.floor_wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning"],
        env=env, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=5).ok:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        cookies = {email: login(base, email) for email, _path in STAFF}
        for path in PUBLIC:  # warm the caches and each worker's imports
            for _ in range(args.workers * 2):
                requests.get(base + path, timeout=60)
        for _email, path in STAFF:  # each worker's imports and templates of the staff pages
            for _ in range(args.workers):
                requests.get(base + path, headers={"Cookie": cookies[_email]}, timeout=120)
        pages = [("anonymous", path, None) for path in PUBLIC if args.only != "staff"]
        pages += [
            (email.split("@")[0], path, cookies[email])
            for email, path in STAFF
            if args.only != "public"
        ]
        print(f"load before: {os.getloadavg()[0]:.1f}")
        print(
            f"{'page':<36} {'req/s':>8} {'healthz':>8} {'ratio':>6} {'CPU ms':>7}"
            f" {'healthz':>7} {'load':>5}",
            flush=True,
        )
        ratios: dict[str, list[float]] = {}
        for round_ in range(args.rounds):
            if args.rounds > 1:
                print(f"round {round_ + 1} of {args.rounds}", flush=True)
            for who, path, cookie in pages:
                health, health_cpu = wrk(f"{base}/healthz", args.duration, master=server.pid)
                drain(base, args.workers)
                rate, cpu = wrk(base + path, args.duration, cookie, master=server.pid)
                drain(base, args.workers)
                label = f"{who} {path}"
                ratios.setdefault(label, []).append(rate / health)
                print(
                    f"{label:<36} {rate:>8.1f} {health:>8.1f} {rate / health:>6.3f}"
                    f" {cpu:>7.2f} {health_cpu:>7.2f} {os.getloadavg()[0]:>5.1f}",
                    flush=True,
                )
        if args.rounds > 1:
            print(f"median ratio to /healthz over {args.rounds} rounds (min–max)")
            for label, values in ratios.items():
                print(
                    f"{label:<36} {statistics.median(values):>6.3f}"
                    f"   ({min(values):.3f}–{max(values):.3f})"
                )
        print(f"load after: {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
