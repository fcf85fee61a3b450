"""One helper every list page uses to offer its rows as an Excel file."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def _cell(value):
    if value is None or isinstance(value, (int, float, Decimal, dt.date, dt.datetime, bool)):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)
        return value
    return str(value)


def write_sheet(ws, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Headers in bold on a dark band, frozen; dates as dd/mm/yyyy; columns sized to fit."""
    ws.append([str(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [_cell(v) for v in row]
        ws.append(values)
        for i, value in enumerate(values[: len(widths)]):
            widths[i] = max(widths[i], min(len(str(value)) if value is not None else 0, 60))
            if isinstance(value, dt.date):
                ws.cell(row=ws.max_row, column=i + 1).number_format = "DD/MM/YYYY"
            elif isinstance(value, Decimal):
                ws.cell(row=ws.max_row, column=i + 1).number_format = "#,##0.00"
    ws.freeze_panes = "A2"
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
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
