"""One writer for every Excel file the platform hands out: list pages, the accountant's
journal, the bilan's drill-downs and reports, the interchange workbook.

A cell's type follows the value, never the text: text (a startup's name, a booking's title,
a guest's answer) is written as text, so "=1+1" or "=HYPERLINK(…)" typed in a form stays
what was typed instead of a formula Excel computes (OWASP, "CSV injection"); an ICE keeps
its leading zeros; numbers are numbers, dates are dates shown dd/mm/yyyy, in Casablanca
time."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
AMOUNT_FORMAT = "#,##0.00"


def text_cell(ws, text: str) -> Cell:
    """A cell holding `text` as text, whatever it starts with (never a formula, never an
    error code such as "#N/A"); control characters a worksheet cannot hold are left out."""
    cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", str(text)))
    cell.data_type = "s"
    return cell


def typed_cell(ws, value, *, formats: bool = True) -> Cell | None:
    """A cell of the value's own type: text as text, numbers, booleans, dates (aware
    datetimes in local time). `formats` adds the dd/mm/yyyy and amount display formats."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | Decimal):
        cell = WriteOnlyCell(ws, value=value)
        if formats and isinstance(value, Decimal):
            cell.number_format = AMOUNT_FORMAT
        return cell
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = timezone.localtime(value).replace(tzinfo=None)
        cell = WriteOnlyCell(ws, value=value)
        if formats:
            cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        if formats:
            cell.number_format = DATE_FORMAT
        return cell
    return text_cell(ws, str(value))


def typed_row(ws, values: Iterable, *, formats: bool = True) -> list[Cell | None]:
    """A row for `ws.append(...)`, on a normal or a write-only sheet."""
    return [typed_cell(ws, value, formats=formats) for value in values]


def _width(cell: Cell | None) -> int:
    if cell is None or cell.value is None:
        return 0
    if isinstance(cell.value, dt.date):
        return len(DATETIME_FORMAT if isinstance(cell.value, dt.datetime) else DATE_FORMAT)
    return min(len(str(cell.value)), 60)


def right_to_left(ws) -> None:
    """An Arabic workbook's sheets read from right to left (column A on the right)."""
    if translation.get_language_bidi():
        ws.sheet_view.rightToLeft = True


def write_sheet(ws, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Headers in bold on a dark band, frozen; dates as dd/mm/yyyy; columns sized to fit."""
    header = [text_cell(ws, h) for h in headers]
    for cell in header:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    ws.append(header)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        cells = typed_row(ws, row)
        ws.append(cells)
        for i, cell in enumerate(cells[: len(widths)]):
            widths[i] = max(widths[i], _width(cell))
    ws.freeze_panes = "A2"
    right_to_left(ws)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width + 2


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        write_sheet(wb.create_sheet(title=title[:31]), headers, rows)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """An .xlsx download of one table: `return xlsx_response("leases.xlsx", headers, rows)`."""
    if not filename.endswith(".xlsx"):
        filename += ".xlsx"
    content = xlsx_bytes([(filename.removesuffix(".xlsx"), headers, rows)])
    return xlsx_file_response(filename, content)


def xlsx_file_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
