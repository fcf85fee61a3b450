"""From a raw row to typed values: header matching and the cell rules of each column kind."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from technopark.interchange import cells
from technopark.interchange.cells import CellError
from technopark.interchange.countries import ISO_ALPHA2, NOT_ABROAD
from technopark.interchange.readers import TableSource
from technopark.interchange.report import ImportReport
from technopark.interchange.tables import Column, Table
from technopark.network.regions import REGION_CODES

SITE_CODE = re.compile(r"^[A-Za-z0-9-]{1,20}$")
STARTUP_REF = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
ICE = re.compile(r"^\d{15}$")
_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])


def match_header(
    table: Table, header: list, report: ImportReport
) -> tuple[list[tuple[Column, int]], set[str]]:
    """The columns present and their positions; reports unknown, doubled and missing ones.

    Returns (present columns with their index, names of required columns missing).
    """
    present: list[tuple[Column, int]] = []
    seen: dict[str, int] = {}
    known = {c.name: c for c in table.columns}
    for index, cell in enumerate(header):
        name = str(cell if cell is not None else "").strip().lstrip("\ufeff").strip().lower()
        if not name:
            continue
        if name in seen:
            report.error(
                table.name,
                1,
                name,
                _("The column %(column)s appears twice in the header: keep one.")
                % {"column": name},
            )
            continue
        seen[name] = index
        column = known.get(name)
        if column is None:
            report.warn(
                table.name, 1, name, _("Unknown column %(column)s; ignored.") % {"column": name}
            )
        else:
            present.append((column, index))
    missing = {c.name for c in table.columns if c.required and c.name not in seen}
    for name in sorted(missing, key=table.names.index):
        report.error(
            table.name,
            1,
            name,
            _("The required column %(column)s is missing from the header.") % {"column": name},
        )
    return present, missing


def parse_cell(column: Column, raw, source: TableSource):
    """The typed value of one cell, None when empty; raises CellError."""
    kind = column.kind
    comma = source.comma_decimal
    if kind == "date":
        return cells.date(raw)
    if kind == "bool":
        return cells.boolean(raw)
    if kind == "int":
        return cells.integer(raw, comma_decimal=comma)
    if kind == "amount":
        return cells.amount(raw, comma_decimal=comma)
    if kind == "area":
        return cells.amount(raw, comma_decimal=comma, max_digits=10)
    if kind == "year":
        return cells.year(raw)
    if kind == "ice" and isinstance(raw, int) and not isinstance(raw, bool):
        # A spreadsheet stores an ICE typed as a number without its leading zeros.
        raw = f"{raw:015d}"
    value = cells.text(raw)
    if value is None:
        return None
    if column.max_length and len(value) > column.max_length:
        raise CellError(
            _("Too long: at most %(max)d characters (this one has %(n)d).")
            % {"max": column.max_length, "n": len(value)}
        )
    if kind == "text":
        return value
    if kind == "code":
        if not SITE_CODE.match(value):
            raise CellError(
                _("“%(value)s”: use letters, digits and '-' only, at most 20 characters.")
                % {"value": value}
            )
        return value
    if kind == "ref":
        if not STARTUP_REF.match(value):
            raise CellError(
                _("“%(value)s”: use letters, digits, '.', '_' and '-' only, at most 40 characters.")
                % {"value": value}
            )
        return value
    if kind == "choice":
        return _choice(column, value)
    if kind == "region":
        code = value.upper()
        if code not in REGION_CODES:
            raise CellError(
                _("“%(value)s” is not a region code: use MA-01 to MA-12.") % {"value": value}
            )
        return code
    if kind == "ice":
        digits = value.replace(" ", "")
        if not ICE.match(digits):
            raise CellError(
                _("“%(value)s” is not an ICE: it has exactly 15 digits.") % {"value": value}
            )
        return digits
    if kind == "email":
        try:
            _email(value)
        except ValidationError:
            raise CellError(_("“%(value)s” is not an e-mail address.") % {"value": value}) from None
        return value
    if kind == "url":
        try:
            _url(value)
        except ValidationError:
            raise CellError(
                _("“%(value)s” is not a web address: write it with http:// or https://.")
                % {"value": value}
            ) from None
        return value
    if kind == "country":
        code = value.upper()
        if code in NOT_ABROAD:
            raise CellError(
                _("“%(value)s” is Morocco: only sales abroad are exports.") % {"value": value}
            )
        if code not in ISO_ALPHA2:
            raise CellError(
                _("“%(value)s” is not a country code: use the two letters of ISO 3166-1, e.g. FR.")
                % {"value": value}
            )
        return code
    if kind == "planned":
        return _planned(raw, value)
    if kind == "members":
        return [ref.strip() for ref in re.split(r"[;|]", value) if ref.strip()]
    raise AssertionError(f"unknown column kind {kind}")


def _choice(column: Column, value: str) -> str:
    wanted = re.sub(r"[\s-]+", "_", value.strip()).lower()
    for choice in column.choices:
        if choice.lower() == wanted:
            return choice
    raise CellError(
        _("“%(value)s” is not allowed here: write one of %(choices)s.")
        % {"value": value, "choices": ", ".join(column.choices)}
    )


def _planned(raw, value: str) -> str:
    """A year or a date, kept as text: "2026" or "2026-09-01"."""
    if cells.YEAR.match(value):
        return value
    try:
        day = cells.date(raw)
    except CellError:
        raise CellError(
            _("“%(value)s” is neither a year (2026) nor a date (2026-09-01 or 01/09/2026).")
            % {"value": value}
        ) from None
    return day.isoformat()


def parse_row(
    table: Table,
    present: list[tuple[Column, int]],
    row: list,
    line: int,
    source: TableSource,
    report: ImportReport,
) -> tuple[dict, bool]:
    """Typed values of the present columns, and whether every cell was good."""
    values: dict = {}
    ok = True
    width = len(row)
    for column, index in present:
        raw = row[index] if index < width else None
        try:
            value = parse_cell(column, raw, source)
        except CellError as exc:
            report.error(table.name, line, column.name, exc.message)
            ok = False
            values[column.name] = None
            continue
        if value is None and column.required:
            report.error(table.name, line, column.name, _("Required: this cell cannot be empty."))
            ok = False
        values[column.name] = value
    return values, ok


def is_blank(row: list) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


# --- The fast path of a large file ------------------------------------------------------------
# A million startups come with about ten million rows: `parse_cell`'s chain of tests per cell
# is most of the time of reading them. `row_parser` picks, once per table, a reader per
# column that accepts the usual way of writing its kind (ISO dates, plain digits, a code
# that matches) and hands anything else, including every error, to `parse_cell`: the values
# and the messages are the same.

_CENT = Decimal("0.01")
_DIGITS = re.compile(r"^\d{1,9}$")


def _fast(column: Column):
    """A reader of a stripped, non-empty CSV cell: the value, or _SLOW to ask parse_cell."""
    kind, limit = column.kind, column.max_length
    if kind == "text":
        control = cells.CONTROL.search
        if limit:
            return lambda v: v if len(v) <= limit and not control(v) else _SLOW
        return lambda v: _SLOW if control(v) else v
    if kind in ("code", "ref"):
        pattern = SITE_CODE if kind == "code" else STARTUP_REF
        match = pattern.match
        return lambda v: v if match(v) and (not limit or len(v) <= limit) else _SLOW
    if kind == "date":
        fromiso = dt.date.fromisoformat

        def read_date(v):
            if len(v) == 10 and v[4] == "-" and v[7] == "-" and v.isascii():
                try:
                    return fromiso(v)
                except ValueError:
                    return _SLOW
            return _SLOW

        return read_date
    if kind in ("int", "year"):
        match = (_DIGITS if kind == "int" else cells.YEAR).match
        return lambda v: int(v) if match(v) else _SLOW
    if kind in ("amount", "area"):
        digits = (14 if kind == "amount" else 10) - 2
        match = re.compile(rf"^\d{{1,{digits}}}(\.\d{{1,2}})?$").match
        return lambda v: Decimal(v).quantize(_CENT) if match(v) else _SLOW
    if kind == "bool":
        words = {w: True for w in cells.TRUE_WORDS} | {w: False for w in cells.FALSE_WORDS}
        return lambda v: words.get(v.lower(), _SLOW)
    if kind == "choice":
        choices = {c.lower(): c for c in column.choices}
        return lambda v: choices.get(v.lower(), _SLOW)
    if kind == "ice":
        match = ICE.match
        return lambda v: v if match(v) else _SLOW
    return None  # e-mail, web address, country, region, ...: always parse_cell


_SLOW = object()


def row_parser(table: Table, present: list[tuple[Column, int]], source: TableSource, report):
    """A function (row, line) → (values, ok) equal to `parse_row` for this table's rows."""
    readers = [(column, index, _fast(column)) for column, index in present]
    name = table.name

    def parse(row: list, line: int) -> tuple[dict, bool]:
        values: dict = {}
        ok = True
        width = len(row)
        for column, index, fast in readers:
            raw = row[index] if index < width else None
            value = _SLOW
            if fast is not None and type(raw) is str:
                stripped = raw.strip()
                value = fast(stripped) if stripped else None
            if value is _SLOW:
                try:
                    value = parse_cell(column, raw, source)
                except CellError as exc:
                    report.error(name, line, column.name, exc.message)
                    ok = False
                    values[column.name] = None
                    continue
            if value is None and column.required:
                report.error(name, line, column.name, _("Required: this cell cannot be empty."))
                ok = False
            values[column.name] = value
        return values, ok

    return parse
