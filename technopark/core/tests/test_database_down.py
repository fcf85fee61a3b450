"""With the database down, the API answers 503 in JSON and the pages a 503 page, not a 500.

Real, not simulated: a fresh process whose DATABASE_URL points at a PostgreSQL port where
nothing listens (a socket bound and never listening, so the connection is refused at once).
"""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path, headers in (
    ("/api/v1/sites", {}),
    ("/api/v1/startups", {"HTTP_AUTHORIZATION": "Bearer abc"}),
    ("/open/figures.json", {}),
    ("/sites/", {"HTTP_ACCEPT_LANGUAGE": "fr"}),
    ("/", {"HTTP_COOKIE": "sessionid=abcdef", "HTTP_ACCEPT_LANGUAGE": "ar"}),
):
    r = client.get(path, **headers)
    answers[path] = [r.status_code, r.get("Content-Type"), r.get("Retry-After"),
                     r.content.decode()]
print(json.dumps(answers))
"""


def test_the_database_down_gives_503_json_on_the_api_and_a_page_elsewhere(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        port = closed.getsockname()[1]
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST"))},
            "DJANGO_SETTINGS_MODULE": "technopark.settings",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/technopark",
            "TECHNOPARK_VAR_DIR": str(tmp_path),
            "DEBUG": "0",
        }
        done = subprocess.run(
            [sys.executable, "-c", PROBE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    for path in ("/api/v1/sites", "/api/v1/startups", "/open/figures.json"):
        status, content_type, retry_after, body = answers[path]
        assert (status, content_type, retry_after) == (503, "application/json", "30"), path
        assert json.loads(body)["code"] == "unavailable"
    status, content_type, retry_after, body = answers["/sites/"]
    assert (status, retry_after) == (503, "30")
    assert content_type.startswith("text/html")
    assert 'lang="fr"' in body and "<h1" in body
    status, _type, _retry, body = answers["/"]
    assert status == 503 and 'dir="rtl"' in body  # a signed-in cookie, in Arabic
