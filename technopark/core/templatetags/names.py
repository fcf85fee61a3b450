"""Names in every language, in templates.

`{% missing_translations obj "name" %}`: a badge per language staff have not yet written;
`{{ value|isolate }}`: a text kept in its own direction inside text of the other script."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from technopark.core.formatting import list_separator
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


@register.filter(needs_autoescape=True)
def joined(items, autoescape=True):
    """`{{ names|joined }}`: a list as the active language writes it ("، " in Arabic),
    each item escaped."""
    esc = conditional_escape if autoescape else (lambda x: x)
    return mark_safe(list_separator().join(str(esc(item)) for item in items or []))


_RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_LTR = re.compile(r"[A-Za-z\u00C0-\u02AF]")


def direction(text: str) -> str:
    """ "rtl" or "ltr": the direction of the first letter that has one (digits have none)."""
    for char in text:
        if _RTL.match(char):
            return "rtl"
        if _LTR.match(char):
            return "ltr"
    return "ltr"


@register.filter(needs_autoescape=True)
def isolate(value, autoescape=True):
    """`{{ operator.address|isolate }}`: the text in its own direction, isolated from the
    text around it, so a Latin address or reference keeps its order inside Arabic (and an
    Arabic name inside French). `<bdi>` with an explicit `dir`: browsers isolate a `<bdi>`
    by themselves, and WeasyPrint orders it by its `dir`. No inline style: the pages that
    show an invoice allow none (the CSP)."""
    text = "" if value is None else str(value)
    if not text:
        return ""
    shown = conditional_escape(text) if autoescape else text
    return format_html('<bdi dir="{}">{}</bdi>', direction(text), mark_safe(shown))
