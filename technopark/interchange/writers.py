"""The owner-approved bulk write path of the import, one function per table.

The house rule is that writes go through each owning app's services. An import of a
network's history (100,000 startups with their records in under 3 minutes) cannot create
records one service call at a time, so the owners agreed on this path instead:

- every row is validated first by the importer against the same rules as the services
  and the interchange spec (`parsing.py`, `rows.py`), and nothing is written if any row
  is wrong (the whole import is one transaction);
- the writes here are `bulk_create` / `bulk_update` in chunks, and the database
  constraints of the owning apps (unique keys, check constraints, the lease no-overlap
  exclusion constraint or trigger of hosting/migrations) stay the last line of defence:
  a refusal there aborts the import like any other error.

Bulk writes do not send model signals, so django-auditlog does not record each row; the
ImportJob (who, when, the file and its report) is the audit trail of an import.

Each writer receives a chunk of validated `Record`s whose keys and fields are already
database values (primary keys of the records they refer to) and adds what it created,
updated or left unchanged to the table's counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from technopark.hosting.models import Lease
from technopark.interchange.report import TableCounts
from technopark.network.models import Operator, Site, SiteBudget, Space
from technopark.network.services import operator_create
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import (
    Export,
    FollowUp,
    Funding,
    Grouping,
    GroupingMember,
    Headcount,
    Patent,
    Startup,
)
from technopark.startups.services import grouping_members_bulk_create
from technopark.surveys.models import SatisfactionAnswer

BATCH = 500


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


def _upsert(
    model: type[models.Model],
    key: tuple[str, ...],
    records: list[Record],
    counts: TableCounts,
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


def ensure_operator(name: str) -> int:
    """The operator named `name` (sites.operator, programs.operator), created when new:
    a short name from its name, and the network's own operator when it is
    settings.TECHNOPARK_OPERATOR (owner: network)."""
    existing = Operator.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
    if existing is not None:
        return existing
    base = slugify(name)[:50] or "operator"
    slug, n = base, 1
    while Operator.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    own = name.strip().lower() == settings.TECHNOPARK_OPERATOR.strip().lower()
    operator = operator_create(
        by=None,
        name=name,
        slug=slug,
        kind=Operator.Kind.NETWORK if own else Operator.Kind.OTHER,
        is_network_operator=own,
    )
    return operator.pk


def write_sites(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """sites → network.Site, key `code` (owner: network)."""
    return _upsert(Site, ("code",), records, counts, empty=empty).pks


def write_spaces(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """spaces → network.Space, key (site, code) (owner: network)."""
    return _upsert(Space, ("site_id", "code"), records, counts, empty=empty).pks


def write_startups(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """startups → startups.Startup, key `ref` (the file's `id`) (owner: startups)."""
    return _upsert(Startup, ("ref",), records, counts, empty=empty).pks


def write_programs(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """programs → programs.Program, key `code` (owner: programs)."""
    return _upsert(Program, ("code",), records, counts, empty=empty).pks


def write_enrollments(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """enrollments → programs.Enrollment, key (startup, program, started_on)."""
    key = ("startup_id", "program_id", "started_on")
    return _upsert(Enrollment, key, records, counts, empty=empty).pks


def _lease_status(fields: dict[str, Any], existing: dict[str, Any] | None) -> None:
    """Ended when handed back; otherwise a running contract keeps its status (a contract
    under notice stays under notice), and anything else becomes active, never a draft."""
    if fields.get("ends_on") is not None:
        fields["status"] = Lease.Status.ENDED
    elif existing is not None and existing["status"] in (Lease.Status.ACTIVE, Lease.Status.NOTICE):
        fields["status"] = existing["status"]
    else:
        fields["status"] = Lease.Status.ACTIVE


def write_leases(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """leases → hosting.Lease, key (space, starts_on) — the space fixes the site
    (owner: hosting). Overlaps were refused before; the exclusion constraint backs it."""
    key = ("space_id", "starts_on")
    return _upsert(
        Lease, key, records, counts, empty=empty, finish=_lease_status, also_read=("status",)
    ).pks


def write_followups(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """followups → startups.FollowUp, key (startup, observed_on)."""
    return _upsert(FollowUp, ("startup_id", "observed_on"), records, counts, empty=empty).pks


def write_headcounts(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """headcounts → startups.Headcount, key (startup, as_of)."""
    return _upsert(Headcount, ("startup_id", "as_of"), records, counts, empty=empty).pks


def write_exports(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """exports → startups.Export, key (startup, year, country)."""
    key = ("startup_id", "year", "country")
    return _upsert(Export, key, records, counts, empty=empty).pks


def write_patents(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """patents → startups.Patent, key (startup, filed_on, title)."""
    key = ("startup_id", "filed_on", "title")
    return _upsert(Patent, key, records, counts, empty=empty).pks


def write_satisfaction(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """satisfaction → surveys.SatisfactionAnswer of the yearly survey (channel "survey",
    no subject), key (startup, answered_on) within that channel."""
    fixed = {"channel": SatisfactionAnswer.Channel.SURVEY, "subject": ""}
    key = ("startup_id", "answered_on")
    return _upsert(SatisfactionAnswer, key, records, counts, empty=empty, fixed=fixed).pks


def write_budgets(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """budgets → network.SiteBudget, key (site, year)."""
    return _upsert(SiteBudget, ("site_id", "year"), records, counts, empty=empty).pks


def write_fundings(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """fundings → startups.Funding, key (startup, obtained_on, source)."""
    key = ("startup_id", "obtained_on", "source")
    return _upsert(Funding, key, records, counts, empty=empty).pks


def write_groupings(records: list[Record], counts: TableCounts, *, empty: bool) -> list[int]:
    """groupings → startups.Grouping, key `code`, and its GroupingMember rows: the members
    become exactly the startups listed (`record.extra`, a list of startup primary keys)."""
    current: dict[int, set[int]] = {}
    if not empty:
        codes = [r.key[0] for r in records]
        for grouping_id, startup_id in GroupingMember.objects.filter(
            grouping__code__in=codes
        ).values_list("grouping_id", "startup_id"):
            current.setdefault(grouping_id, set()).add(startup_id)
    done = _upsert(Grouping, ("code",), records, TableCounts(), empty=empty)
    new_members: list[tuple[int, int]] = []
    for record, pk, changes in zip(records, done.pks, done.changes, strict=True):
        wanted = set(record.extra)
        have = current.get(pk, set())
        if wanted != have:
            if have - wanted:
                GroupingMember.objects.filter(grouping_id=pk, startup_id__in=have - wanted).delete()
            new_members.extend((pk, s) for s in sorted(wanted - have))
        if changes is None:
            counts.add_created(record.label)
        elif changes or wanted != have:
            counts.add_updated(record.label, changes + (["members"] if wanted != have else []))
        else:
            counts.unchanged += 1
    grouping_members_bulk_create(
        rows=[GroupingMember(grouping_id=g, startup_id=s) for g, s in new_members]
    )
    return done.pks


WRITERS: dict[str, Callable[..., list[int]]] = {
    "sites": write_sites,
    "spaces": write_spaces,
    "startups": write_startups,
    "programs": write_programs,
    "enrollments": write_enrollments,
    "leases": write_leases,
    "followups": write_followups,
    "headcounts": write_headcounts,
    "exports": write_exports,
    "patents": write_patents,
    "groupings": write_groupings,
    "satisfaction": write_satisfaction,
    "budgets": write_budgets,
    "fundings": write_fundings,
}
