"""The production topology on one machine, checked as an operator would (deploy/test.sh).

Starts a fresh PostgreSQL database (on the running cluster), its own Redis, an SMTP
server (aiosmtpd), two gunicorn application servers and the background worker, from the
ExecStart lines of deploy/systemd/*.service, with production settings (DEBUG off; plain
http on loopback: SECURE_HTTPS=0, the one flag that differs from a real deployment behind
TLS). Everything it starts is stopped, and the database dropped, at the end.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from datetime import date, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
BASE_PORT = int(os.environ.get("TOPOLOGY_PORT_BASE", "18170"))
REDIS_PORT, SMTP_PORT, WEB_A, WEB_B = BASE_PORT + 1, BASE_PORT + 2, BASE_PORT + 3, BASE_PORT + 4
DB_NAME = f"{os.environ.get('TOPOLOGY_DB_PREFIX', 'technopark_topo')}_{os.getpid()}"
PG = os.environ.get("TOPOLOGY_PG", "postgres://postgres@127.0.0.1:5432")
PASSWORD = "technopark-demo"
FOUNDER = "founder@demo.technopark.ma"
ADMIN = "direction@demo.technopark.ma"
STALL_SECONDS = 4
KILL_MARK = "Kill check"  # the SMTP server stalls the first e-mail that says this
IMPORT_ROWS = 12000


# --- the processes ------------------------------------------------------------------------


def unit_command(unit: str, instance: str) -> tuple[list[str], dict[str, str]]:
    """ExecStart and Environment= of a systemd unit, with the paths of this checkout."""
    text = (ROOT / "deploy" / "systemd" / unit).read_text()
    exec_start = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
    env = dict(line.split("=", 1) for line in re.findall(r"^Environment=(.+)$", text, re.M))

    def fill(value: str) -> str:
        value = value.replace("/srv/technopark/.venv/bin/", f"{VENV_BIN}/")
        return value.replace("%i", instance).replace("%H", socket.gethostname())

    return [fill(arg) for arg in shlex.split(exec_start)], {k: fill(v) for k, v in env.items()}


class Topology:
    def __init__(self, work: Path):
        self.work = work
        self.procs: dict[str, subprocess.Popen] = {}
        self.mails: list = []
        self.stalled = threading.Event()  # the SMTP server holds an e-mail (KILL_MARK)
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST"))},
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{WEB_A},http://127.0.0.1:{WEB_B}",
            "SITE_URL": f"http://127.0.0.1:{WEB_A}",
            "SECURE_HTTPS": "0",  # plain http on loopback; production sets 1 behind TLS
            "DATABASE_URL": f"{PG}/{DB_NAME}",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "TASKS_BACKEND": "database",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(SMTP_PORT),
            "TECHNOPARK_VAR_DIR": str(work / "var"),
            "MEDIA_ROOT": str(work / "media"),
            "STATIC_ROOT": str(work / "static"),
            "GUNICORN_WORKERS": "2",
            "JOB_STALL_SECONDS": str(STALL_SECONDS),
            # The demo's staff have no second factor set up; production requires one.
            "REQUIRE_STAFF_2FA": "0",
            "LOG_LEVEL": "WARNING",
            "TECHNOPARK_TESTING": "0",
        }
        (work / "var").mkdir()
        (work / "media").mkdir()
        (work / "static").mkdir()  # whitenoise serves from the finders (no collectstatic)

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [str(VENV_BIN / "technopark"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, name: str, argv: list[str], env: dict | None = None) -> None:
        log = open(self.work / f"{name}.log", "ab")  # noqa: SIM115
        self.procs[name] = subprocess.Popen(
            argv,
            env={**self.env, **(env or {})},
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self, name: str, sig=signal.SIGTERM) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def start_web(self, port: int) -> None:
        argv, env = unit_command("technopark-web@.service", str(port))
        env["PROMETHEUS_MULTIPROC_DIR"] = str(self.work / f"prom-{port}")
        Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir()
        self.start(f"web-{port}", argv, env)

    def start_worker(self, n: int) -> None:
        argv, env = unit_command("technopark-worker@.service", str(n))
        self.start(f"worker-{n}", argv, env)

    def wait_http(self, url: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(url, timeout=10).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.3)
        raise AssertionError(f"{url} did not answer")

    def mails_to(self, address: str, match) -> list:
        return [m for m in list(self.mails) if address in m["To"] and match(m)]

    def wait_mail(self, address: str, match, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.mails_to(address, match)
            if found:
                return found[0]
            time.sleep(0.3)
        raise AssertionError(f"no such e-mail to {address}; got {len(self.mails)} e-mails")

    def shell(self, code: str) -> str:
        return self.run("shell", "-c", code).strip().splitlines()[-1]


def _psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-qc", sql], check=True, capture_output=True)


@pytest.fixture(scope="module")
def topo():
    from aiosmtpd.controller import Controller

    work = Path(tempfile.mkdtemp(prefix="technopark-topology-"))
    t = Topology(work)
    started = time.monotonic()

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            mail = message_from_bytes(envelope.original_content or envelope.content)
            if not t.stalled.is_set() and KILL_MARK in body(mail):
                t.stalled.set()  # hold the first attempt: the worker is killed meanwhile
                await asyncio.sleep(20)
                return "451 Try again later"  # never delivered
            t.mails.append(mail)
            return "250 OK"

    smtp = Controller(Handler(), hostname="127.0.0.1", port=SMTP_PORT)
    try:
        _psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        _psql(f"CREATE DATABASE {DB_NAME}")
        redis = shutil.which("redis-server") or "/usr/bin/redis-server"
        t.start("redis", [redis, "--port", str(REDIS_PORT), "--bind", "127.0.0.1",
                          "--save", "", "--appendonly", "no"])  # fmt: skip
        smtp.start()
        t.run("migrate", "--noinput", "-v", "0")
        t.run("seed-demo", "--size", "small")
        t.founder_token = t.run("api-token", FOUNDER).strip().split()[-1]
        t.admin_token = t.run("api-token", ADMIN).strip().split()[-1]
        t.start_web(WEB_A)
        t.start_web(WEB_B)
        t.wait_http(f"http://127.0.0.1:{WEB_A}/healthz")
        t.wait_http(f"http://127.0.0.1:{WEB_B}/healthz")
        print(f"\ntopology up in {time.monotonic() - started:.0f} s", flush=True)
        yield t
    finally:
        for name in list(t.procs):
            t.stop(name)
        smtp.stop()
        _psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        if os.environ.get("TOPOLOGY_KEEP_LOGS"):
            print(f"logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


# --- helpers ------------------------------------------------------------------------------


def url(port: int, path: str) -> str:
    return f"http://127.0.0.1:{port}{path}"


def login(port: int, email: str) -> requests.Session:
    s = requests.Session()
    s.get(url(port, "/accounts/login/"))
    response = s.post(
        url(port, "/accounts/login/"),
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": s.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    return s


def post(s: requests.Session, port: int, path: str, **kw) -> requests.Response:
    data = {"csrfmiddlewaretoken": s.cookies["csrftoken"], **kw.pop("data", {})}
    return s.post(url(port, path), data=data, allow_redirects=False, **kw)


def network_zip(prefix: str, n: int) -> bytes:
    rows = "".join(f"{prefix}{i:05d},Startup {prefix} {i}\n" for i in range(1, n + 1))
    tables = {
        "sites": "code,name,city,region,operator,opened_on\n"
        "TOPO,Technopark Topologie,Casablanca,MA-06,MITC,2020-01-01\n",
        "programs": "code,name,kind,operator,direct\nTOPO-INC,Incubation topo,incubation,MITC,true\n",
        "startups": "id,name\n" + rows,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(f"{name}.csv", text)
    return buffer.getvalue()


PROGRESS = re.compile(r'<progress[^>]*value="(\d+)" max="(\d+)"')


def upload(s: requests.Session, prefix: str) -> int:
    response = post(
        s,
        WEB_A,
        "/interchange/",
        files={"files": (f"{prefix}.zip", network_zip(prefix, IMPORT_ROWS))},
    )
    assert response.status_code == 302, response.text[:500]
    return int(re.search(r"/jobs/(\d+)/", response.headers["Location"]).group(1))


def job_status(t: Topology, pk: int) -> str:
    return t.shell(
        f"from technopark.interchange.models import ImportJob; "
        f"print(ImportJob.objects.get(pk={pk}).status)"
    )


def watch(s: requests.Session, pk: int, until, timeout: float = 90) -> set[tuple[int, int]]:
    """Poll the progress bar (as the page's htmx does) until `until(html)`; what it showed."""
    seen: set[tuple[int, int]] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        html = s.get(url(WEB_B, f"/interchange/jobs/{pk}/progress/")).text
        seen.update((int(a), int(b)) for a, b in PROGRESS.findall(html))
        if until(html):
            return seen
        time.sleep(0.1)
    raise AssertionError(f"job {pk}: condition not reached; last page: {html[:800]}")


def count_startups(t: Topology, prefix: str) -> int:
    return int(
        t.shell(
            "from technopark.startups.models import Startup; "
            f"print(Startup.objects.filter(ref__startswith='{prefix}').count())"
        )
    )


def body(mail) -> str:
    part = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def about_booking(mail) -> bool:
    return "Topology check" in body(mail)


def has_pdf(mail) -> bool:
    return any(part.get_content_type() == "application/pdf" for part in mail.walk())


# --- the checks ---------------------------------------------------------------------------


def test_health_and_metrics(topo):
    ready = requests.get(url(WEB_A, "/readyz")).json()
    assert ready["status"] == "ok" and ready["database"] == "ok" and ready["cache"] == "ok"
    metrics = requests.get(url(WEB_B, "/metrics")).text  # loopback: allowed without a token
    assert "technopark_tasks_queued" in metrics
    assert "technopark_request_duration_seconds_bucket" in metrics


def test_a_session_opened_on_one_server_holds_on_the_other(topo):
    assert requests.get(url(WEB_B, "/me/"), allow_redirects=False).status_code == 302
    s = login(WEB_A, FOUNDER)
    page = s.get(url(WEB_B, "/me/"), allow_redirects=False)
    assert page.status_code == 200  # signed in on A, recognised by B
    assert "/accounts/logout/" in page.text


def _book_the_room(topo, *, in_days: int, title: str) -> None:
    """The founder books CASA's SR1 at 19:00 on the first weekday `in_days` from now (API)."""
    day = date.today() + timedelta(days=in_days)
    while day.isoweekday() > 5:
        day += timedelta(days=1)
    start = datetime.fromisoformat(f"{day}T19:00:00+01:00")
    response = requests.post(
        url(WEB_A, "/api/v1/bookings"),
        json={
            "site": "CASA",
            "space": "SR1",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(minutes=30)).isoformat(),
            "title": title,
        },
        headers={"Authorization": f"Bearer {topo.founder_token}"},
    )
    assert response.status_code == 201, response.text


def test_a_booking_confirmation_waits_for_the_worker_then_arrives_by_smtp(topo):
    _book_the_room(topo, in_days=30, title="Topology check")
    time.sleep(2)
    assert topo.mails_to(FOUNDER, about_booking) == []  # no worker yet: the job waits
    ready = requests.get(url(WEB_B, "/readyz")).json()
    assert ready["queue"]["depth"] >= 1
    assert ready["queue"]["oldest_age_seconds"] > 0
    topo.start_worker(1)
    topo.wait_mail(FOUNDER, about_booking)
    deadline = time.monotonic() + 20
    while requests.get(url(WEB_B, "/readyz")).json()["queue"]["depth"] and (
        time.monotonic() < deadline
    ):
        time.sleep(0.5)
    assert requests.get(url(WEB_B, "/readyz")).json()["queue"]["depth"] == 0


def test_a_web_import_runs_on_the_worker_with_its_progress_moving(topo):
    s = login(WEB_A, ADMIN)
    pk = upload(s, "TA")
    watch(s, pk, lambda html: "job-progress" in html and 'hx-get="' not in html)
    assert job_status(topo, pk) == "checked"
    assert post(s, WEB_B, f"/interchange/jobs/{pk}/confirm/").status_code == 302
    seen = watch(s, pk, lambda html: 'hx-get="' not in html)
    assert job_status(topo, pk) == "done"
    assert len({done for done, _total in seen}) >= 2, seen  # the bar moved
    assert count_startups(topo, "TA") == IMPORT_ROWS


def test_the_worker_builds_a_pdf_report(topo):
    s = login(WEB_B, ADMIN)
    s.get(url(WEB_B, "/open/reports/"))
    response = post(
        s,
        WEB_B,
        "/open/reports/new/",
        data={"format": "pdf", "as_of": "2022-11-30", "site": "", "language": "fr"},
    )
    assert response.status_code == 302, response.text[:800]
    deadline = time.monotonic() + 120
    link = None
    while time.monotonic() < deadline and link is None:
        found = re.search(r"/open/reports/(\d+)/file/", s.get(url(WEB_A, "/open/reports/")).text)
        link = found.group(0) if found else None
        time.sleep(0.5)
    assert link, "the report was not built"
    pdf = s.get(url(WEB_A, link))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    topo.wait_mail(ADMIN, has_pdf)


def test_a_worker_killed_mid_import_leaves_nothing_and_the_page_offers_a_retry(topo):
    s = login(WEB_A, ADMIN)
    pk = upload(s, "TK")
    watch(s, pk, lambda html: 'hx-get="' not in html)
    assert post(s, WEB_A, f"/interchange/jobs/{pk}/confirm/").status_code == 302
    # Wait until the worker is inside the import (startups table, some rows done)...
    watch(s, pk, lambda html: any(0 < int(d) < int(n) for d, n in PROGRESS.findall(html)))
    topo.stop("worker-1", signal.SIGKILL)  # ...and kill it outright.
    assert count_startups(topo, "TK") == 0  # all or nothing: nothing was written
    assert job_status(topo, pk) == "importing"
    time.sleep(STALL_SECONDS + 1)
    page = s.get(url(WEB_B, f"/interchange/jobs/{pk}/")).text
    assert 'data-testid="job-stalled"' in page
    assert post(s, WEB_B, f"/interchange/jobs/{pk}/retry/").status_code == 302
    topo.start_worker(2)
    watch(s, pk, lambda html: 'hx-get="' not in html and "job-stalled" not in html)
    assert job_status(topo, pk) == "done"
    assert count_startups(topo, "TK") == IMPORT_ROWS
    failed = topo.shell(
        "from django_tasks_db.models import DBTaskResult; "
        "print(DBTaskResult.objects.filter(status='FAILED', "
        "exception_class_path__endswith='WorkerLost').count())"
    )
    assert failed == "1"  # the killed run is recorded as failed, the retry succeeded
    topo.stop("worker-2")


def about_kill(mail) -> bool:
    return KILL_MARK in body(mail)


def test_a_worker_killed_while_sending_an_e_mail_sends_it_once_when_restarted(topo):
    topo.start_worker(3)
    _book_the_room(topo, in_days=31, title=KILL_MARK)
    assert topo.stalled.wait(30), "the worker did not try to send the e-mail"
    topo.stop("worker-3", signal.SIGKILL)  # killed in the middle of SMTP's DATA
    email = (
        "from technopark.notifications.models import EmailLog; "
        f"e = EmailLog.objects.get(body_text__contains='{KILL_MARK}'); "
    )
    assert topo.shell(email + "print(e.status, e.attempts)") == "sending 1"
    topo.start_worker(3)  # as systemd does (Restart=always), under the same id
    topo.wait_mail(FOUNDER, about_kill)
    time.sleep(1)
    assert len(topo.mails_to(FOUNDER, about_kill)) == 1  # sent once
    assert topo.shell(email + "print(e.status, e.attempts)") == "sent 2"
    queue = requests.get(url(WEB_B, "/readyz")).json()["queue"]
    assert (queue["running"], queue["lost"]) == (0, 0)
    topo.stop("worker-3")


def test_the_request_log_is_one_json_line_per_request(topo):
    import json

    requests.get(url(WEB_A, "/healthz"))
    lines = (topo.work / f"web-{WEB_A}.log").read_text().splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    health = [r for r in records if r.get("path") == "/healthz"]
    assert health and {"duration_ms", "user_id", "status", "view"} <= health[-1].keys()
    assert any(r.get("user_id") for r in records)  # logged-in requests carry the user id
