"""Bulk writes for the owners' bulk services: insert what is new, update what differs.

An import of a network's history (100,000 startups with their records in minutes) cannot
create records one service call at a time. Each owning app offers bulk services
(`sites_bulk_upsert`, `leases_bulk_upsert`, ...) that call `upsert` on its own models;
the interchange validates the rows first and calls those services. The owners' database
constraints stay the last line of defence.

Bulk writes send no model signals, so django-auditlog records no row; the ImportJob (who,
when, the file and its report) is the audit trail of an import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import models
from django.utils import timezone

BATCH = 500


class Counts(Protocol):
    """What a bulk write reports to: the import's counts of one table."""

    unchanged: int

    def add_created(self, label: str) -> None: ...

    def add_updated(self, label: str, fields: list[str]) -> None: ...


class NoCounts:
    """Counts nobody reads (e.g. a grouping's own row, counted with its members)."""

    unchanged = 0

    def add_created(self, label: str) -> None:
        pass

    def add_updated(self, label: str, fields: list[str]) -> None:
        pass


@dataclass(slots=True)
class Record:
    """One validated row: its line, a readable key, the database key and field values."""

    line: int
    label: str
    key: tuple
    fields: dict[str, Any]
    extra: Any = None


@dataclass
class Upserted:
    """What a chunk became: the primary key of every record, in the chunk's order."""

    pks: list[int] = field(default_factory=list)
    # Per record: None when created, else the fields it changed ([] = unchanged).
    changes: list[list[str] | None] = field(default_factory=list)


def upsert(
    model: type[models.Model],
    key: tuple[str, ...],
    records: list[Record],
    counts: Counts,
    *,
    empty: bool,
    fixed: dict[str, Any] | None = None,
    finish: Callable[[dict[str, Any], dict[str, Any] | None], None] | None = None,
    also_read: tuple[str, ...] = (),
) -> Upserted:
    """Insert the records whose key is new, update those that differ, count the rest.

    `empty` says the table held nothing before the import began, so no lookup is needed.
    `fixed` are key fields every record shares (e.g. the satisfaction channel). `finish`
    may complete a record's fields from the existing row's values (`also_read` names the
    extra columns it needs, e.g. a lease's status). Existing rows are read as values,
    not model instances: an unchanged import only compares tuples.
    """
    fixed = fixed or {}
    existing: dict[tuple, dict[str, Any]] = {}
    if not empty:
        names = sorted({name for r in records for name in r.fields} | set(also_read))
        wanted = {r.key for r in records}
        width = len(key)
        rows = model.objects.filter(
            **{f"{key[0]}__in": {r.key[0] for r in records}}, **fixed
        ).values_list("pk", *key, *names)
        for row in rows:
            row_key = tuple(row[1 : 1 + width])
            if row_key in wanted:
                existing[row_key] = {
                    "pk": row[0],
                    **dict(zip(names, row[1 + width :], strict=True)),
                }
    has_updated_at = any(f.name == "updated_at" for f in model._meta.concrete_fields)
    now = timezone.now()
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    pks: list[int | models.Model] = []
    statuses: list[list[str] | None] = []
    for record in records:
        current = existing.get(record.key)
        if finish is not None:
            finish(record.fields, current)
        if current is None:
            obj = model(**dict(zip(key, record.key, strict=True)), **fixed, **record.fields)
            to_create.append(obj)
            counts.add_created(record.label)
            statuses.append(None)
            pks.append(obj)
            continue
        changes = [name for name, value in record.fields.items() if current[name] != value]
        if changes:
            obj = model(pk=current["pk"], **record.fields)
            if has_updated_at:
                obj.updated_at = now
            changed_fields.update(changes)
            to_update.append(obj)
            counts.add_updated(record.label, _readable(changes))
        else:
            counts.unchanged += 1
        statuses.append(_readable(changes))
        pks.append(current["pk"])
    if to_update:
        # Every object carries all of its record's fields, so updating the union of the
        # changed columns writes unchanged columns with their own values.
        fields = sorted(changed_fields | ({"updated_at"} if has_updated_at else set()))
        model.objects.bulk_update(to_update, fields, batch_size=BATCH)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH)
    return Upserted(pks=[p.pk if isinstance(p, models.Model) else p for p in pks], changes=statuses)


def _readable(attnames: list[str]) -> list[str]:
    return [name.removesuffix("_id") for name in attnames]
