"""How a figure is written for a person: rates as rounded percentages, amounts grouped."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from technopark.core.formatting import grouped as _grouped
from technopark.core.formatting import percent
from technopark.impact.definitions import AREA, MAD, RATE, Figure


def format_number(value, unit: str) -> str:
    """A figure's value in its unit: the one way the bilan, open data, the partners' page,
    the PDF and the Excel file write it (rounded half up, French grouping)."""
    if value is None:
        return "—"
    if unit == RATE:
        return percent(value)
    if unit == AREA:
        return f"{_grouped(value)} m²"
    if unit == MAD:
        if abs(value) >= 1_000_000:
            return _("%(amount)s MDH") % {"amount": _grouped(Decimal(str(value)) / 1_000_000, 1)}
        return f"{_grouped(value)} MAD"
    return _grouped(value)


def format_value(figure: Figure, value) -> str:
    return format_number(value, figure.unit)
