"""The database's own guards (triggers, functions), written per vendor: a migration runs a
module's `forward` and `backward`, made here from its PostgreSQL and SQLite statements.
A base module: it imports no app."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def by_vendor(postgresql: Sequence[str], sqlite: Sequence[str]) -> Callable:
    """A RunPython function executing `postgresql` on PostgreSQL, else `sqlite`."""

    def run(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        for sql in postgresql if vendor == "postgresql" else sqlite:
            schema_editor.execute(sql)

    return run
