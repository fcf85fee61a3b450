"""A workbook as a park keeps it → the interchange format, through a proposed mapping.

`propose()` reads each sheet and proposes which table it holds, on which row its header
is (a title or blank lines may come first), which column of the table each header names,
and which code each value written in words stands for, each with a confidence from 0 to
100 (`rapidfuzz` against the wordings of `vocabulary.py`). A person confirms or changes
the proposal (the upload page, or `import-data --mapping FILE`), or the command applies
it as it is (`import-data --guess`); either way `normalised()` then hands the importer
tables in the interchange format, so every rule, the partner scope and all-or-nothing are
the importer's as for any upload. Extra columns are kept aside and reported, never an
error; `relabel()` names the sheet, its row and its header in the report.

The mapping (`Plan.to_dict()`) is JSON: what an `ImportMapping` keeps for the next upload
of the same kind of file, and what `--mapping FILE` reads.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from technopark.interchange.readers import Container, TableSource, open_container
from technopark.interchange.report import ImportReport, Issue
from technopark.interchange.tables import SHEET_TABLES as TABLES
from technopark.interchange.tables import SHEET_TABLES_BY_NAME as TABLES_BY_NAME
from technopark.interchange.tables import Column, Table
from technopark.interchange.vocabulary import (
    column_words,
    norm,
    table_words,
    value_words,
)

CONFIDENT = 85  # at or above: applied without asking
SUGGESTED = 60  # at or above: proposed, to be confirmed
HEADER_SCAN = 20  # the header is among the first rows of a sheet
VALUE_KINDS = ("choice", "region", "country", "bool")
VERSION = 1


@dataclass
class ColumnPlan:
    index: int
    header: str
    field: str | None
    score: int


@dataclass
class SheetPlan:
    sheet: str
    table: str | None
    score: int
    header_row: int
    columns: list[ColumnPlan] = field(default_factory=list)
    # field → raw text → {"code": code or None, "score": 0..100, "line": first line}
    values: dict[str, dict[str, dict]] = field(default_factory=dict)

    def applied(self) -> list[ColumnPlan]:
        """The columns imported: those matched with confidence (or confirmed)."""
        return [c for c in self.columns if c.field and c.score >= CONFIDENT]

    def header_of(self, name: str) -> str | None:
        return next((c.header for c in self.applied() if c.field == name), None)


@dataclass
class Plan:
    sheets: list[SheetPlan] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "version": VERSION,
            "sheets": [
                {
                    "sheet": s.sheet,
                    "table": s.table,
                    "score": s.score,
                    "header_row": s.header_row,
                    "columns": [
                        {"header": c.header, "field": c.field, "score": c.score} for c in s.columns
                    ],
                    "values": s.values,
                }
                for s in self.sheets
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Plan:
        return cls(
            [
                SheetPlan(
                    s["sheet"],
                    s.get("table"),
                    s.get("score", 0),
                    s.get("header_row", 0),
                    [
                        ColumnPlan(i, c["header"], c.get("field"), c.get("score", 0))
                        for i, c in enumerate(s.get("columns", []))
                    ],
                    s.get("values") or {},
                )
                for s in data.get("sheets", [])
            ]
        )


# --- Matching -------------------------------------------------------------------------------


def _best(text: str, words: dict[str, str]) -> tuple[str | None, int]:
    """The code of the wording nearest `text` (already normalised), and how sure."""
    if not text:
        return None, 0
    code = words.get(text)
    if code is not None:
        return code, 100
    found = process.extractOne(text, list(words), scorer=fuzz.ratio)
    if found is None:
        return None, 0
    return words[found[0]], int(round(found[1]))


def _column_matcher(table: Table) -> dict[str, str]:
    words: dict[str, str] = {}
    for column in table.columns:
        for word in column_words(table, column):
            words.setdefault(norm(word), column.name)
    return words


def _match_header(table: Table, header: list) -> list[ColumnPlan]:
    """Each header cell → a column of `table` (one cell per column, the surest wins)."""
    words = _column_matcher(table)
    found = []
    for index, cell in enumerate(header):
        text = _text(cell)
        if not text:
            continue
        name, score = _best(norm(text), words)
        found.append(ColumnPlan(index, text, name if score >= SUGGESTED else None, score))
    taken: set[str] = set()
    for plan in sorted(found, key=lambda c: -c.score):
        if plan.field in taken:
            plan.field = None
        elif plan.field:
            taken.add(plan.field)
    return found


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _fit(columns: list[ColumnPlan]) -> int:
    return sum(c.score for c in columns if c.field and c.score >= CONFIDENT)


def _guess_sheet(label: str, rows: list[list]) -> SheetPlan:
    name_words = {norm(w): t.name for t in TABLES for w in table_words(t.name)}
    named, name_score = _best(norm(label), name_words)
    best: tuple[int, SheetPlan] | None = None
    for number, row in enumerate(rows[:HEADER_SCAN], start=1):
        if not any(_text(c) for c in row):
            continue
        for table in TABLES:
            columns = _match_header(table, row)
            confident = [c for c in columns if c.field and c.score >= CONFIDENT]
            if len(confident) < 2 and not (named == table.name and name_score >= CONFIDENT):
                continue
            fit = _fit(columns)
            if named == table.name and name_score >= SUGGESTED:
                fit += name_score * 2
            share = round(100 * len(confident) / max(len(columns), 1))
            score = max(share, name_score if named == table.name else 0)
            if best is None or fit > best[0]:
                best = (fit, SheetPlan(label, table.name, min(score, 100), number, columns))
    if best is None:
        return SheetPlan(label, None, 0, 0)
    return best[1]


def _apply_kept(label: str, rows: list[list], kept: dict) -> SheetPlan | None:
    """The sheet read as a kept mapping says, when one of its sheets fits this one."""
    entries = kept.get("sheets") or []
    candidates = [e for e in entries if e.get("sheet") == label] or entries
    best: tuple[int, SheetPlan] | None = None
    for entry in candidates:
        table = TABLES_BY_NAME.get(entry.get("table") or "")
        if table is None:
            continue
        by_header = {
            norm(c.get("header", "")): c.get("field")
            for c in entry.get("columns", [])
            if c.get("field") in table.names
        }
        for number, row in enumerate(rows[:HEADER_SCAN], start=1):
            columns = []
            hits = 0
            for index, cell in enumerate(row):
                text = _text(cell)
                if not text:
                    continue
                name = by_header.get(norm(text))
                hits += name is not None
                columns.append(ColumnPlan(index, text, name, 100 if name else 0))
            if hits and (best is None or hits > best[0]):
                values = {
                    name: {raw: dict(v, score=100) for raw, v in found.items() if v.get("code")}
                    for name, found in (entry.get("values") or {}).items()
                    if name in table.names
                }
                best = (hits, SheetPlan(label, table.name, 100, number, columns, values))
    if best is None:  # a table chosen for the sheet, its columns still to match
        forced = [e for e in candidates if e.get("sheet") == label and e.get("table")]
        if forced and forced[0]["table"] in TABLES_BY_NAME:
            table = TABLES_BY_NAME[forced[0]["table"]]
            for number, row in enumerate(rows[:HEADER_SCAN], start=1):
                columns = _match_header(table, row)
                if columns and (best is None or _fit(columns) > best[0]):
                    best = (_fit(columns), SheetPlan(label, table.name, 100, number, columns))
    return best[1] if best else None


def fingerprint(plan: Plan) -> str:
    """What makes two files "of the same kind": their sheets' headers, whatever the rows."""
    import hashlib

    parts = sorted("|".join(sorted(norm(c.header) for c in sheet.columns)) for sheet in plan.sheets)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


GRID_ROWS = 100


def grid(plan: Plan, sheets: list[tuple[str, list[list]]], report: ImportReport) -> list[dict]:
    """The rows in error, cell by cell as typed, for the preview's grid (at most GRID_ROWS)."""
    rows_of = dict(sheets)
    bad: dict[str, dict[int, set[str]]] = {}
    for issue in report.errors:
        if issue.line:
            bad.setdefault(issue.table, {}).setdefault(issue.line, set()).add(issue.column)
    out, shown = [], 0
    for sheet in plan.sheets:
        lines = bad.get(sheet.sheet)
        if not lines or sheet.table is None:
            continue
        table = TABLES_BY_NAME[sheet.table]
        applied = sheet.applied()
        rows = rows_of.get(sheet.sheet, [])
        entry = {
            "sheet": sheet.sheet,
            "table": sheet.table,
            "columns": [
                {
                    "index": c.index,
                    "header": c.header,
                    "field": c.field,
                    "kind": table.column(c.field).kind,
                    "choices": list(table.column(c.field).choices),
                }
                for c in applied
            ],
            "rows": [],
        }
        for line in sorted(lines):
            if shown >= GRID_ROWS or not 0 < line <= len(rows) or line <= sheet.header_row:
                continue
            row = rows[line - 1]
            cells = [_shown(row[c.index]) if c.index < len(row) else "" for c in applied]
            entry["rows"].append({"line": line, "cells": cells, "bad": sorted(lines[line])})
            shown += 1
        if entry["rows"]:
            out.append(entry)
    return out


def _shown(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime | dt.date):
        return cell.strftime("%d/%m/%Y")
    return _text(cell)


def _values(table: Table, plan: SheetPlan, rows: list[list]) -> None:
    """The values written in words in the sheet's columns that take codes."""
    for column_plan in plan.applied():
        column = table.column(column_plan.field)
        if column.kind not in VALUE_KINDS:
            continue
        codes = {norm(c) for c in column.choices}
        words = value_words(table, column)
        known = plan.values.setdefault(column.name, {})
        index = column_plan.index
        for line, row in enumerate(rows[plan.header_row :], start=plan.header_row + 1):
            raw = row[index] if index < len(row) else None
            if not isinstance(raw, str) or not raw.strip():
                continue
            text = raw.strip()
            if text in known:
                continue
            if column.kind == "choice" and norm(text) in codes and text in column.choices:
                continue  # already the code
            code, score = _best(norm(text), words)
            known[text] = {"code": code, "score": score, "line": line}


def propose(sheets: list[tuple[str, list[list]]], kept: dict | None = None) -> Plan:
    plan = Plan()
    for label, rows in sheets:
        sheet = _apply_kept(label, rows, kept) if kept else None
        if sheet is None:
            sheet = _guess_sheet(label, rows)
        if sheet.table:
            _values(TABLES_BY_NAME[sheet.table], sheet, rows)
        plan.sheets.append(sheet)
    return plan


def problems(plan: Plan, report: ImportReport) -> None:
    """What keeps the proposal from being applied, as errors; extra columns as warnings."""
    tables: dict[str, str] = {}
    for sheet in plan.sheets:
        if sheet.table is None:
            report.warn(
                sheet.sheet,
                0,
                "",
                _("No table of the platform recognised in this sheet; it is not imported."),
            )
            continue
        table = TABLES_BY_NAME[sheet.table]
        if sheet.table in tables:
            report.error(
                sheet.sheet,
                0,
                "",
                _("This sheet holds %(table)s, like the sheet %(other)s: keep one.")
                % {"table": sheet.table, "other": tables[sheet.table]},
            )
            continue
        tables[sheet.table] = sheet.sheet
        mapped = {c.field for c in sheet.applied()}
        for column in sheet.columns:
            if column.field is None or column.score < CONFIDENT:
                report.warn(
                    sheet.sheet,
                    sheet.header_row,
                    column.header,
                    _("Extra column kept aside: its values are not imported.")
                    + (
                        " "
                        + _("It may be %(column)s (%(score)d%% sure): confirm it to import it.")
                        % {"column": column.field, "score": column.score}
                        if column.field
                        else ""
                    ),
                )
        for column in table.columns:
            if column.required and column.name not in mapped:
                words = ", ".join(f"“{w}”" for w in column_words(table, column)[2:6])
                report.error(
                    sheet.sheet,
                    sheet.header_row,
                    column.name,
                    _(
                        "No column of this sheet is surely %(column)s (required): expected a "
                        "header such as %(words)s."
                    )
                    % {"column": column.name, "words": words or column.name},
                )
        for name, found in sheet.values.items():
            column = table.column(name)
            for raw, value in found.items():
                if value.get("code") and value.get("score", 0) >= CONFIDENT:
                    continue
                report.error(
                    sheet.sheet,
                    value.get("line", 0),
                    sheet.header_of(name) or name,
                    _(
                        "“%(value)s” matches no value of %(column)s with confidence: expected %(expected)s."
                    )
                    % {"value": raw, "column": name, "expected": _expected(table, column)},
                )


def _expected(table: Table, column: Column) -> str:
    if column.kind == "choice":
        return ", ".join(column.choices)
    if column.kind == "region":
        return _("a region of Morocco (e.g. Rabat-Salé-Kénitra or MA-04)")
    if column.kind == "country":
        return _("a country (e.g. France, فرنسا or FR)")
    return _("yes or no (Oui/Non)")


# --- Values as people type them -----------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_CURRENCY = re.compile(r"(?i)\s*(mad|dhs?|dirhams?|درهم|د\.م\.?)\s*\.?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def messy_date(raw):
    """Excel dates, dd/mm/yyyy, dd/mm/yy, d/m/yyyy (also with '.' or '-'); else raw."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 1 < raw < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(raw))
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    match = _DMY.match(text)
    if not match:
        return raw
    day, month, year = match.groups()
    number = int(year)
    if len(year) == 2:  # 15/03/21 is 2021; 15/03/98 is 1998
        number += 2000 if number <= dt.date.today().year % 100 + 5 else 1900
    try:
        return dt.date(number, int(month), int(day))
    except ValueError:
        return raw


def messy_number(raw):
    """« 12 500,50 DH », "1.250.000 MAD", "12500.5": the number as the importer reads it."""
    if not isinstance(raw, str):
        return raw
    text = _SPACES.sub("", _CURRENCY.sub("", raw.strip()))
    if not text:
        return raw
    comma, dot = text.rfind(","), text.rfind(".")
    if comma >= 0 and dot >= 0:
        decimal_mark = "," if comma > dot else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif comma >= 0:  # a decimal comma; "1,250,000" groups thousands
        text = text.replace(",", "") if text.count(",") > 1 else text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        Decimal(text)
    except InvalidOperation:
        return raw
    return text


def _cell_reader(table: Table, sheet: SheetPlan, column: Column):
    kind = column.kind
    if kind in VALUE_KINDS:
        known = sheet.values.get(column.name, {})
        words = value_words(table, column)
        cache: dict[str, object] = {}

        def read_word(raw):
            if not isinstance(raw, str):
                return raw
            text = raw.strip()
            found = cache.get(text)
            if found is None:
                value = known.get(text)
                if value is None:
                    code, score = _best(norm(text), words)
                    value = {"code": code, "score": score}
                found = value["code"] if value.get("code") and value["score"] >= CONFIDENT else raw
                cache[text] = found
            return found

        return read_word
    if kind in ("date", "planned"):
        return messy_date
    if kind in ("amount", "area", "int", "decimal"):
        return messy_number
    if kind == "year":
        return lambda raw: int(raw) if isinstance(raw, float) and raw.is_integer() else raw
    if kind == "ice":
        return lambda raw: _SPACES.sub("", raw) if isinstance(raw, str) else raw
    if kind == "members":
        return lambda raw: (
            ";".join(p.strip() for p in re.split(r"[,;|]", raw) if p.strip())
            if isinstance(raw, str)
            else raw
        )
    return None


def _source(table: Table, sheet: SheetPlan, rows: list[list]) -> TableSource:
    applied = sheet.applied()
    readers = [
        (c.index, _cell_reader(table, sheet, table.column(c.field)), c.field) for c in applied
    ]
    header = [c.field for c in applied]

    def opener():
        yield header
        for row in rows[sheet.header_row :]:
            width = len(row)
            out = []
            for index, read, _name in readers:
                raw = row[index] if index < width else None
                out.append(read(raw) if read is not None and raw is not None else raw)
            yield out

    return TableSource(
        table=table.name,
        label=sheet.sheet,
        opener=opener,
        workbook=True,
        row_hint=max(len(rows) - sheet.header_row, 0),
        first_line=sheet.header_row + 1,
    )


def read_sheets(path) -> tuple[list[tuple[str, list[list]]], Container]:
    """Every sheet (or CSV file) of an upload, its rows in memory (the reader bounds them)."""
    raw = open_container(path, raw=True)
    with raw:
        sheets = [(s.label, list(s.rows())) for s in raw.sheets]
    return sheets, raw


def correct(sheets: list[tuple[str, list[list]]], corrections: dict) -> None:
    """Cells fixed on the preview's grid, {sheet: {line: {column index: text}}}, in place."""
    for label, rows in sheets:
        for line, cells in (corrections.get(label) or {}).items():
            number = int(line)
            if not 0 < number <= len(rows):
                continue
            row = rows[number - 1]
            for index, value in cells.items():
                position = int(index)
                if not 0 <= position < 200:
                    continue
                row.extend([None] * (position + 1 - len(row)))
                row[position] = value if value != "" else None


def normalised(sheets: list[tuple[str, list[list]]], plan: Plan) -> Container:
    """The interchange tables the plan reads in the sheets (one per table)."""
    container = Container()
    rows_of = dict(sheets)
    for sheet in plan.sheets:
        if sheet.table is None or sheet.table in container.tables:
            continue
        table = TABLES_BY_NAME[sheet.table]
        container.tables[table.name] = _source(table, sheet, rows_of[sheet.sheet])
    return container


def relabel(report: ImportReport, plan: Plan) -> None:
    """The report in the person's words: their sheet, their row, their header."""
    sheets = {s.table: s for s in plan.sheets if s.table}

    def again(issue: Issue) -> Issue:
        sheet = sheets.get(issue.table)
        if sheet is None:
            return issue
        line = sheet.header_row if issue.line == 1 else issue.line
        column = sheet.header_of(issue.column) or issue.column
        return Issue(sheet.sheet, line, column, issue.message)

    report.errors = [again(i) for i in report.errors]
    report.warnings = [again(i) for i in report.warnings]


def plan_lines(plan: Plan) -> list[str]:
    """The proposal as a person reads it (the command prints it)."""
    lines = []
    for sheet in plan.sheets:
        if sheet.table is None:
            lines.append(_("Sheet “%(sheet)s”: not imported") % {"sheet": sheet.sheet})
            continue
        lines.append(
            _("Sheet “%(sheet)s” → %(table)s (%(score)d%%), header on row %(row)d")
            % {
                "sheet": sheet.sheet,
                "table": sheet.table,
                "score": sheet.score,
                "row": sheet.header_row,
            }
        )
        for column in sheet.columns:
            if column.field and column.score >= CONFIDENT:
                lines.append(
                    "  "
                    + _("column “%(header)s” → %(column)s (%(score)d%%)")
                    % {"header": column.header, "column": column.field, "score": column.score}
                )
            else:
                lines.append(
                    "  " + _("column “%(header)s”: kept aside") % {"header": column.header}
                )
        for name, found in sheet.values.items():
            for raw, value in found.items():
                lines.append(
                    "    "
                    + _("%(column)s: “%(value)s” → %(code)s (%(score)d%%)")
                    % {
                        "column": name,
                        "value": raw,
                        "code": value.get("code") or "?",
                        "score": value.get("score", 0),
                    }
                )
    return lines
