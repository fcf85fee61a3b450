"""One way to write the CSV files people open in a spreadsheet (lists, arrears, the
accountant's journal, an upload's errors, the open figures).

Text a person typed is never taken for a formula: a text cell that starts with "=", "+",
"-", "@", a tab or a carriage return gets a leading apostrophe (OWASP, "CSV injection"),
so "=HYPERLINK(…)" shows as typed instead of becoming a link. Numbers are written as
numbers, so a real negative amount stays "-120,00". Files for French Excel are
semicolon-separated, UTF-8 with a byte order mark (else Excel reads the accents wrong),
and an identifier such as an ICE is text: its leading zeros are kept.

An identifier is marked with `csv_identifier(value)`. Excel (French or not) reads a bare
`001525687000089` as a number and drops its zeros, and an apostrophe is shown as typed in
a CSV. So an identifier made of digits only is written `="001525687000089"` (the writer doubles
its quotes inside a quoted cell): a formula whose only content is a string constant,
which Excel shows as the text 001525687000089. It cannot inject anything, because it is
written only when every character is a digit; any other identifier is plain text made
safe by `csv_text` like the rest.

The interchange format's CSV files (`interchange/exporter.py`) are data for the importer,
not for a spreadsheet: they are written as they are, so that they read back exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """Text as a spreadsheet shows it, never run: "=1+1" becomes "'=1+1"."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Identifier(str):
    """A value a spreadsheet must keep as text (an ICE, an account number)."""


def csv_identifier(value) -> Identifier | None:
    return None if value in (None, "") else Identifier(value)


def csv_cell(value, *, decimal_comma: bool = False):
    """A value for `csv.writer`: numbers and dates as they are (an amount with a decimal
    comma when asked), anything else as text made safe by `csv_text`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return str(value).replace(".", ",") if decimal_comma else value
    if isinstance(value, dt.date | dt.time):
        return value
    if isinstance(value, Identifier) and value.isascii() and value.isdigit():
        return f'="{value}"'  # digits only: a string constant, never anything else
    return csv_text(str(value))


def csv_row(values: Iterable, *, decimal_comma: bool = False) -> list:
    return [csv_cell(value, decimal_comma=decimal_comma) for value in values]


def csv_content(headers: Sequence, rows: Iterable[Sequence], *, decimal_comma: bool = False) -> str:
    """A whole file for French Excel: BOM, semicolons, safe cells."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";")
    writer.writerow(csv_row(headers))
    for row in rows:
        writer.writerow(csv_row(row, decimal_comma=decimal_comma))
    return out.getvalue()
