"""Display of the federation's figures: rates as percentages, counts and amounts grouped."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

from technopark.core.formatting import percent

register = template.Library()


@register.filter
def pct(value) -> str:
    """A rate between 0 and 1 as a rounded percentage; null stays a dash."""
    return percent(value)


@register.filter
def figure(value, kind: str = "count") -> str:
    if value is None:
        return "—"
    if kind == "rate":
        return pct(value)
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value) or "—"
    return floatformat(value, "0g")
