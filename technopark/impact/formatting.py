"""How a figure is written for a person: rates as rounded percentages, amounts grouped."""

from __future__ import annotations

from django.utils.translation import gettext as _

from technopark.core.formatting import percent
from technopark.impact.definitions import AREA, MAD, RATE, Figure


def _grouped(number: float, decimals: int = 0) -> str:
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\u202f").replace(".", ",")


def format_value(figure: Figure, value) -> str:
    if value is None:
        return "—"
    if figure.unit == RATE:
        return percent(value)
    if figure.unit == AREA:
        return f"{_grouped(value)} m²"
    if figure.unit == MAD:
        if abs(value) >= 1_000_000:
            return _("%(amount)s MDH") % {"amount": _grouped(value / 1_000_000, 1)}
        return f"{_grouped(value)} MAD"
    return _grouped(value)
