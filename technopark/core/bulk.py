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

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connections, models, router
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
    returning: bool = True,
) -> Upserted:
    """Insert the records whose key is new, update those that differ, count the rest.

    `empty` says the table held nothing before the import began, so no lookup is needed.
    `fixed` are key fields every record shares (e.g. the satisfaction channel). `finish`
    may complete a record's fields from the existing row's values (`also_read` names the
    extra columns it needs, e.g. a lease's status). Existing rows are read as values,
    not model instances: an unchanged import only compares tuples. New rows are inserted
    by `insert_rows`; with `returning=False` (nobody needs their keys) their entries in
    `pks` are None, and PostgreSQL loads them with COPY.
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
    to_create: list[dict[str, Any]] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    pks: list[int | None] = []
    created_at: list[int] = []  # positions in `pks` of the records created
    statuses: list[list[str] | None] = []
    for record in records:
        current = existing.get(record.key)
        if finish is not None:
            finish(record.fields, current)
        if current is None:
            row = dict(zip(key, record.key, strict=True))
            row.update(fixed)
            row.update(record.fields)
            to_create.append(row)
            counts.add_created(record.label)
            statuses.append(None)
            created_at.append(len(pks))
            pks.append(None)
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
        new_pks = insert_rows(model, to_create, returning=returning, key=key)
        if returning:
            for position, pk in zip(created_at, new_pks, strict=True):
                pks[position] = pk
    return Upserted(pks=pks, changes=statuses)


# --- Inserting many rows ---------------------------------------------------------------------
# `bulk_create` builds a model instance per row and compiles every value through the
# field's methods: at a million rows that is most of an import's time. `insert_rows`
# writes the validated values as they are (strings, numbers, dates, decimals, booleans,
# primary keys: what the drivers take without help), fills every other column once with
# its default, and sends the rows in large batches: PostgreSQL's COPY when the keys are not
# needed back, else multi-row INSERT ... RETURNING; SQLite's executemany, else multi-row
# INSERT ... RETURNING. Model signals are not sent, as with bulk_create.

# Fields whose Python values both drivers take as they are.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DecimalField,
)
_SQLITE_MAX_PARAMS = 30_000  # SQLite 3.32+ accepts 32,766 bound values per statement
_PG_MAX_PARAMS = 60_000  # PostgreSQL accepts 65,535


def _plain(field: models.Field) -> bool:
    if isinstance(field, models.DateTimeField | models.TimeField | models.FileField):
        return False
    if isinstance(field, models.DateField):
        return True
    if field.is_relation:
        return isinstance(field.target_field, models.AutoField | models.BigAutoField)
    return isinstance(field, _PLAIN_FIELDS) and type(field).get_db_prep_save is (
        models.Field.get_db_prep_save
    )


def insert_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    *,
    returning: bool = True,
    key: tuple[str, ...] = (),
) -> list[int]:
    """Insert `rows` (dicts of attname → value, already valid) into the model's table.

    A column missing from a row takes the field's default (the same for every row: a
    field with a per-row callable default must be given). Returns the new primary keys in
    the rows' order when `returning`, else an empty list. `key` names columns that are
    unique together: PostgreSQL then COPYs the rows and reads their keys back by it.
    """
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    template = model()
    defaults: dict[str, Any] = {}
    converters: dict[str, Callable[[Any], Any]] = {}
    for column in fields:
        value = column.pre_save(template, add=True)
        defaults[column.attname] = column.get_db_prep_save(value, connection)
        if not _plain(column):
            converters[column.attname] = functools.partial(_prep, column, connection)
    getter = operator.itemgetter(*defaults)
    if len(defaults) == 1:
        (only,) = defaults

        def getter(full: dict[str, Any]) -> tuple:
            return (full[only],)

    # A translated field (core/translated.py) is named `name` but its attname is `name_fr`:
    # the records name it as the model does.
    renamed = {f.name: f.attname for f in fields if f.name != f.attname and not f.is_relation}
    values = []
    for row in rows:
        if renamed and not renamed.keys().isdisjoint(row):
            row = {renamed.get(name, name): value for name, value in row.items()}
        full = defaults | row
        if converters and not converters.keys().isdisjoint(row):
            for name, convert in converters.items():
                if name in row:
                    full[name] = convert(row[name])
        values.append(getter(full))
    # Only the model's own table and column names, quoted, are written into the SQL; the
    # values are always parameters.
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    postgres = connection.vendor == "postgresql"
    pks: list[int] = []
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if postgres and (key or not returning):
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
            if returning:
                pks = _read_back(cursor, model, rows, key)
            return pks
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        if not returning:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES {one}", values)  # noqa: S608
            return pks
        limit = _PG_MAX_PARAMS if postgres else _SQLITE_MAX_PARAMS
        size = max(1, min(2000, limit // len(fields)))
        pk = quote(opts.pk.column)
        for start in range(0, len(values), size):
            batch = values[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(batch))} "  # noqa: S608
                f"RETURNING {pk}",
                [v for value in batch for v in value],
            )
            pks.extend(r[0] for r in cursor.fetchall())
    return pks


def _read_back(cursor, model: type[models.Model], rows: list[dict], key: tuple[str, ...]) -> list:
    """The primary keys of rows just written, found by their unique `key` (PostgreSQL)."""
    opts = model._meta
    quote = cursor.db.ops.quote_name
    columns = [quote(opts.get_field(name).column) for name in key]
    # Filter on the key's most varied column: a space's code, not its site's key.
    values = [{row[name] for row in rows} for name in key]
    best = max(range(len(key)), key=lambda i: len(values[i]))
    cursor.execute(
        f"SELECT {quote(opts.pk.column)}, {', '.join(columns)} FROM {quote(opts.db_table)} "  # noqa: S608
        f"WHERE {columns[best]} = ANY(%s)",
        [list(values[best])],
    )
    found = {tuple(r[1:]): r[0] for r in cursor.fetchall()}
    return [found[tuple(row[name] for name in key)] for row in rows]


def _prep(field: models.Field, connection, value):
    return field.get_db_prep_save(value, connection)


def _readable(attnames: list[str]) -> list[str]:
    return [name.removesuffix("_id") for name in attnames]
