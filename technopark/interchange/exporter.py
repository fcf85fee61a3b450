"""Exporting every table in the interchange format: CSV files (comma, ISO dates) or a
workbook, streamed from the database in key order. Draft leases are not exported (they
bind nobody), nor are satisfaction answers of other channels than the yearly survey."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from technopark.hosting.models import Lease
from technopark.interchange.tables import TABLES
from technopark.network.models import Site, SiteBudget, Space
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
from technopark.surveys.models import SatisfactionAnswer

CHUNK = 5000


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def _values(qs, *fields) -> Iterator[tuple]:
    return qs.values_list(*fields).iterator(chunk_size=CHUNK)


def table_rows(name: str) -> Iterator[tuple]:
    """The rows of one table, typed (dates, decimals, booleans), in the spec's column order."""
    if name == "sites":
        yield from _values(
            Site.objects.order_by("code"),
            "code", "name", "city", "region_id", "operator__name",
            "opened_on", "planned_opening", "closed_on",
        )  # fmt: skip
    elif name == "spaces":
        yield from _values(
            Space.objects.order_by("site__code", "code"),
            "site__code", "code", "kind", "area_m2", "seats", "leasable",
        )  # fmt: skip
    elif name == "startups":
        yield from _values(
            Startup.objects.order_by("ref"),
            "ref", "name", "legal_form", "ice", "founded_on", "sector", "city", "region_id",
            "email", "website", "public",
        )  # fmt: skip
    elif name == "programs":
        yield from _values(
            Program.objects.order_by("code"), "code", "name", "kind", "operator__name", "direct"
        )
    elif name == "enrollments":
        yield from _values(
            Enrollment.objects.order_by("startup__ref", "program__code", "started_on"),
            "startup__ref", "program__code", "site__code", "started_on", "ended_on", "outcome",
        )  # fmt: skip
    elif name == "leases":
        yield from _values(
            Lease.objects.exclude(status=Lease.Status.DRAFT).order_by(
                "site__code", "space__code", "starts_on"
            ),
            "site__code", "space__code", "startup__ref", "starts_on", "ends_on",
            "planned_end", "monthly_rent_mad",
        )  # fmt: skip
    elif name == "followups":
        yield from _values(
            FollowUp.objects.order_by("startup__ref", "observed_on"),
            "startup__ref", "observed_on", "status",
        )  # fmt: skip
    elif name == "headcounts":
        yield from _values(
            Headcount.objects.order_by("startup__ref", "as_of"),
            "startup__ref", "as_of", "direct_jobs", "indirect_jobs",
        )  # fmt: skip
    elif name == "exports":
        yield from _values(
            Export.objects.order_by("startup__ref", "year", "country"),
            "startup__ref", "year", "country", "amount_mad",
        )  # fmt: skip
    elif name == "patents":
        yield from _values(
            Patent.objects.order_by("startup__ref", "filed_on", "title"),
            "startup__ref", "filed_on", "office", "title", "reference",
        )  # fmt: skip
    elif name == "groupings":
        yield from _groupings()
    elif name == "satisfaction":
        yield from _values(
            SatisfactionAnswer.objects.filter(
                channel=SatisfactionAnswer.Channel.SURVEY, subject=""
            ).order_by("startup__ref", "answered_on"),
            "startup__ref", "answered_on", "score", "comment",
        )  # fmt: skip
    elif name == "budgets":
        yield from _values(
            SiteBudget.objects.order_by("site__code", "year"), "site__code", "year", "amount_mad"
        )
    elif name == "fundings":
        yield from _values(
            Funding.objects.order_by("startup__ref", "obtained_on", "source"),
            "startup__ref", "obtained_on", "source", "kind", "amount_mad",
        )  # fmt: skip
    else:
        raise KeyError(name)


def _groupings() -> Iterator[tuple]:
    members: dict[int, list[str]] = {}
    for grouping_id, ref in GroupingMember.objects.order_by("-is_lead", "startup__ref").values_list(
        "grouping_id", "startup__ref"
    ):
        members.setdefault(grouping_id, []).append(ref)
    for pk, code, kind, name, formed_on in Grouping.objects.order_by("code").values_list(
        "pk", "code", "kind", "name", "formed_on"
    ):
        yield (code, kind, name, formed_on, ";".join(members.get(pk, [])))


def _write_csv(stream, name: str) -> int:
    table = next(t for t in TABLES if t.name == name)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.names)
    count = 0
    for row in table_rows(name):
        writer.writerow([_cell(v) for v in row])
        count += 1
    return count


def export_csv_dir(directory: str | Path) -> dict[str, int]:
    """Write `<table>.csv` for every table into `directory`; returns rows per table."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        with (directory / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
            counts[table.name] = _write_csv(f, table.name)
    return counts


def export_zip(target) -> dict[str, int]:
    """A .zip of the CSV files (a path or a binary file object)."""
    counts = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            with archive.open(f"{table.name}.csv", "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                counts[table.name] = _write_csv(text, table.name)
                text.flush()
                text.detach()
    return counts


def export_xlsx(target) -> dict[str, int]:
    """One workbook, one sheet per table, with real dates, numbers and booleans."""
    from openpyxl import Workbook

    from technopark.core.xlsx import typed_row

    workbook = Workbook(write_only=True)
    counts = {}
    for table in TABLES:
        sheet = workbook.create_sheet(table.name)
        sheet.append(typed_row(sheet, table.names, formats=False))
        count = 0
        for row in table_rows(table.name):
            # text stays text (a startup named "=1+1" reads back as typed), core/xlsx.py
            sheet.append(typed_row(sheet, [_xlsx_cell(v) for v in row], formats=False))
            count += 1
        counts[table.name] = count
    workbook.save(target)
    return counts


def _xlsx_cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value == "":
        return None
    return value
