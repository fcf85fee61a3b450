"""Display of the federation's figures: rates as percentages, counts and amounts grouped."""

from __future__ import annotations

from django import template

from technopark.core.formatting import percent
from technopark.publishing.reports import format_value

register = template.Library()


@register.filter
def pct(value) -> str:
    """A rate between 0 and 1 as a rounded percentage; null stays a dash."""
    return percent(value)


@register.filter
def figure(value, kind: str = "count") -> str:
    if value is None:
        return "—"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value) or "—"
    # The bilan's formatting, so a figure reads the same here, in open data and the PDF.
    return format_value(value, kind if kind in ("rate", "amount", "area") else "count")
