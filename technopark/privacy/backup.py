"""Backups: one .tar.gz with a consistent database dump, the uploaded files and a manifest.

- SQLite: the online backup API (a consistent copy while the site runs);
- PostgreSQL: `pg_dump --format=custom` when the client is installed, otherwise Django's
  dumpdata inside one REPEATABLE READ transaction (a consistent snapshot).

`restore_archive` brings it back into an empty database (or any, with force=True).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
DB_SQLITE = "database.sqlite3"
DB_PGDUMP = "database.pgdump"
DB_JSON = "database.json"
# Rows created by migrations or by Django itself, rebuilt on migrate.
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class BackupError(Exception):
    pass


@dataclass
class Manifest:
    created_at: str
    engine: str
    database: str
    counts: dict[str, int]
    files: int
    migrations: dict[str, str]
    version: int = FORMAT_VERSION


def record_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.label] = model._default_manager.count()
    return counts


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _db_params() -> dict:
    return settings.DATABASES["default"]


def _pg_env() -> dict[str, str]:
    db = _db_params()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    db = _db_params()
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _dump_database(workdir: Path) -> str:
    vendor = connection.vendor
    if vendor == "sqlite":
        target = workdir / DB_SQLITE
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            with destination:
                connection.connection.backup(destination)
        finally:
            destination.close()
        return DB_SQLITE
    if vendor == "postgresql" and shutil.which("pg_dump"):
        target = workdir / DB_PGDUMP
        result = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *_pg_args()]
            + [str(_db_params()["NAME"])],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            return DB_PGDUMP
        target.unlink(missing_ok=True)  # e.g. a client older than the server: fall back
    target = workdir / DB_JSON
    with transaction.atomic():
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with target.open("w", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=NOT_DUMPED,
                stdout=out,
                verbosity=0,
            )
    return DB_JSON


def create_archive(output: Path) -> Manifest:
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        with transaction.atomic():
            counts = record_counts()
        database = _dump_database(workdir)
        files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        manifest = Manifest(
            created_at=dt.datetime.now(dt.UTC).isoformat(),
            engine=connection.vendor,
            database=database,
            counts=counts,
            files=len(files),
            migrations=_latest_migrations(),
        )
        (workdir / "manifest.json").write_text(json.dumps(manifest.__dict__, indent=2))
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(workdir / "manifest.json", arcname="manifest.json")
            archive.add(workdir / database, arcname=database)
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
        partial.replace(output)  # never a half-written archive under the final name
    return manifest


def database_is_empty() -> bool:
    tables = set(connection.introspection.table_names())
    for label in ("accounts.User", "network.Site", "startups.Startup"):
        model = apps.get_model(label)
        if model._meta.db_table in tables and model._default_manager.exists():
            return False
    return True


def _read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile("manifest.json")
    except KeyError:
        raise BackupError("This file is not a Technopark backup (no manifest).") from None
    data = json.loads(member.read())
    if data.get("version") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {data.get('version')}.")
    return Manifest(**data)


def restore_archive(path: Path, *, force: bool = False) -> Manifest:
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
        manifest = _read_manifest(archive)
        if not force and not database_is_empty():
            raise BackupError(
                "The database is not empty: restore into an empty database, or use --force "
                "to replace what is there."
            )
        archive.extractall(tmp, filter="data")  # refuses absolute paths and ../
        workdir = Path(tmp)
        _restore_database(workdir, manifest)
        _restore_media(workdir / "media")
    return manifest


def _restore_database(workdir: Path, manifest: Manifest) -> None:
    vendor = connection.vendor
    if manifest.database == DB_SQLITE:
        if vendor != "sqlite":
            raise BackupError("This backup is of a SQLite database; restore it on SQLite.")
        source = sqlite3.connect(workdir / DB_SQLITE)
        connection.close()
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
            connection.close()
        return
    if manifest.database == DB_PGDUMP:
        if vendor != "postgresql":
            raise BackupError("This backup is a PostgreSQL dump; restore it on PostgreSQL.")
        connection.close()
        result = subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
            + _pg_args()
            + ["-d", str(_db_params()["NAME"]), str(workdir / DB_PGDUMP)],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[:2000]}")
        return
    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        call_command("flush", verbosity=0, interactive=False)
        call_command("loaddata", str(workdir / DB_JSON), verbosity=0)


def _restore_media(source: Path) -> None:
    if not source.exists():
        return
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    for path in source.rglob("*"):
        if path.is_file():
            target = media / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
