"""`{{ name|table_label }}`: an interchange table's name as people read it."""

from __future__ import annotations

from django import template

from technopark.interchange.tables import table_label as _table_label

register = template.Library()


@register.filter
def table_label(name) -> str:
    return _table_label(str(name))
