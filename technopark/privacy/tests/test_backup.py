"""`technopark backup` then `technopark restore` into an empty database: the same bilan."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tarfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from technopark.privacy.backup import NOT_DUMPED, record_counts

REPORT = """
import datetime as dt, json
from technopark.privacy.backup import record_counts
from technopark.impact.engine import compute_bilan
print(json.dumps({"bilan": compute_bilan(as_of=dt.date.fromisoformat("%s")),
                  "counts": record_counts()}, default=str))
"""


def _comparable(counts: dict[str, int]) -> dict[str, int]:
    skipped = {"contenttypes.ContentType", "auth.Permission", "sessions.Session"}
    skipped |= {"admin.LogEntry"} if "admin.logentry" in NOT_DUMPED else set()
    return {label: n for label, n in counts.items() if label not in skipped}


@contextmanager
def _empty_database(tmp_path: Path):
    """Environment for a subprocess whose database is new and empty."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env["TECHNOPARK_VAR_DIR"] = str(tmp_path / "restored")
    env["MEDIA_ROOT"] = str(tmp_path / "restored" / "uploads")
    (tmp_path / "restored").mkdir()
    if connection.vendor != "postgresql":
        env.pop("DATABASE_URL", None)
        yield env
        return
    import psycopg

    db = settings.DATABASES["default"]
    name = f"tp_restore_{uuid.uuid4().hex[:8]}"
    params = {
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
    }
    admin = psycopg.connect(dbname="postgres", autocommit=True, **params)
    admin.execute(f'CREATE DATABASE "{name}"')
    auth = db.get("USER", "") + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    env["DATABASE_URL"] = (
        f"postgres://{auth}@{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{name}"
    )
    try:
        yield env
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _run(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "technopark", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=settings.PROJECT_DIR,
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_the_same_bilan(tmp_path):
    from technopark.house.demo import seed_demo
    from technopark.impact.engine import compute_bilan

    today = dt.date(2026, 11, 26)
    seed_demo(size="small", today=today, log=lambda *_: None)
    default_storage.save("applications/1/dossier.pdf", ContentFile(b"%PDF-1.4 dossier"))
    bilan = json.loads(json.dumps(compute_bilan(as_of=today), default=str))
    counts = record_counts()
    assert counts["startups.Startup"] > 0 and counts["accounts.User"] > 0

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/applications/1/dossier.pdf" in names

    with _empty_database(tmp_path) as env:
        restored = _run(env, "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        report = _run(env, "shell", "-c", REPORT % today.isoformat())
        assert report.returncode == 0, report.stderr
        after = json.loads(report.stdout.strip().splitlines()[-1])
        assert after["bilan"] == bilan
        assert _comparable(after["counts"]) == _comparable(counts)
        media = Path(env["MEDIA_ROOT"]) / "applications/1/dossier.pdf"
        assert media.read_bytes() == b"%PDF-1.4 dossier"
        # A second restore would overwrite live data: refused without --force.
        again = _run(env, "restore", str(archive))
        assert again.returncode != 0 and "not empty" in again.stderr


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        note = tmp_path / "note.txt"
        note.write_text("hello")
        tar.add(note, arcname="note.txt")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env["TECHNOPARK_VAR_DIR"] = str(tmp_path)
    env.pop("DATABASE_URL", None)
    result = _run(env, "restore", str(bogus))
    assert result.returncode != 0 and "not a Technopark backup" in result.stderr
