"""`{% missing_translations obj "name" %}`: a badge per language staff have not yet written."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from technopark.core.translated import LANGUAGE_NAMES, missing

register = template.Library()


@register.simple_tag
def missing_translations(obj, field: str = "name"):
    codes = missing(obj, field)
    if not codes:
        return ""
    return format_html_join(
        " ",
        '<span class="badge text-bg-warning ms-1" lang="{}">{}</span>',
        ((code, _("%(language)s missing") % {"language": LANGUAGE_NAMES[code]}) for code in codes),
    )
