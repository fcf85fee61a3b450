"""Throughput of the main pages against /healthz, under 50 connections (docs/performance.md).

    .venv/bin/python bench/pages.py [--work /tmp/technopark-pages] [--duration 10]

Seeds the demo network once into a SQLite database under --work (kept between runs),
starts gunicorn with production settings (DEBUG off, the cache in Redis when
--redis is given, else in each worker's memory), then runs `wrk -c 50` (Debian: `apt-get
install wrk`) against /healthz and each page, anonymous for the public pages and signed in
for the staff pages, and prints requests per second and the ratio to /healthz.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
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
]


def wrk(url: str, duration: int, cookie: str | None = None) -> float:
    argv = ["wrk", "-t", "2", "-c", "50", "-d", f"{duration}s", "--timeout", "30s", url]
    if cookie:
        argv[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


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
    if not (work / "pages.sqlite3").exists():
        subprocess.run([BIN / "technopark", "migrate", "-v", "0"], env=env, check=True)
        subprocess.run([BIN / "technopark", "seed-demo"], env=env, check=True)
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [BIN / "gunicorn", "technopark.wsgi", "--workers", str(args.workers),
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
        print(f"load before: {os.getloadavg()[0]:.1f}")
        health = wrk(f"{base}/healthz", args.duration)
        drain(base, args.workers)
        print(f"{'page':<42} {'req/s':>8} {'ratio':>7} {'load':>5}")
        print(f"{'/healthz':<42} {health:>8.1f} {1:>7.2f} {os.getloadavg()[0]:>5.1f}")
        for path in PUBLIC:
            rate = wrk(base + path, args.duration)
            drain(base, args.workers)
            load = os.getloadavg()[0]
            print(f"{'anonymous ' + path:<42} {rate:>8.1f} {rate / health:>7.2f} {load:>5.1f}")
        for email, path in STAFF:
            rate = wrk(base + path, args.duration, cookies[email])
            drain(base, args.workers)
            who, load = email.split("@")[0], os.getloadavg()[0]
            print(f"{who + ' ' + path:<42} {rate:>8.1f} {rate / health:>7.2f} {load:>5.1f}")
        # /healthz again at the end: the machine's load moves during a run
        again = wrk(f"{base}/healthz", args.duration)
        print(f"{'/healthz (again, at the end)':<42} {again:>8.1f} {again / health:>7.2f}")
        print(f"load after: {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
