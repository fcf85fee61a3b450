"""The top bar of every page, drawn once per person, language and place, then reused.

`{% navbar %}` draws `components/_navbar.html`. What the bar shows depends on the
person's principal (their menu, their startup link), the language, the current link of
the menu, whether the page is the home or the profile, and the name shown; the worker
keeps the drawn bar under exactly that, with four marks standing for what changes with
every request: the CSRF token, the page's address (the language form's `next`), the
notifications bell (its unread count) and the person's saved views (a menu group of
their own and their team's views, which they or a colleague save and delete at any
time), drawn afresh each time. A role granted or removed
changes the principal (accounts.access), a new name the key: the next page shows it.

So `_navbar.html` may use `request.path` only to compare it with "/" or "/me/"
(`PLACES`) and `request.get_full_path` only as the language form's `next`; anything
else it draws must come from the principal, the menu, the language or the user's name.
"""

from __future__ import annotations

from types import SimpleNamespace

from django import template
from django.template import Context
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

CSRF_MARK = "tp-navbar-csrf-mark"
NEXT_MARK = "tp-navbar-next-mark"
BELL_MARK = "<!--tp-navbar-bell-->"
VIEWS_MARK = "<!--tp-navbar-views-->"
# The addresses the bar compares the page's path with (aria-current on the brand and
# the profile link); any other page is drawn as OTHER_PLACE.
PLACES = ("/", "/me/")
OTHER_PLACE = "/~/"

_DRAWN: dict[tuple, str] = {}
_DRAWN_MAX = 2048  # bars of 6–8 KiB: at most ~16 MiB a worker


def _current_url(menu) -> str | None:
    if menu is None:
        return None
    for group in menu.groups:
        for link in group.links:
            if link.current:
                return link.url
    for link in menu.account:
        if link.current:
            return link.url
    return None


def _draw(context, path: str) -> str:
    values = context.flatten()
    values["csrf_token"] = CSRF_MARK
    values["request"] = SimpleNamespace(path=path, get_full_path=lambda: NEXT_MARK)
    values["navbar_bell"] = mark_safe(BELL_MARK)  # noqa: S308 - a constant
    values["navbar_views"] = mark_safe(VIEWS_MARK)  # noqa: S308 - a constant
    bar = context.template.engine.get_template("components/_navbar.html")
    return bar.render(Context(values, autoescape=context.autoescape))


@register.simple_tag(takes_context=True)
def navbar(context) -> str:
    request = context.get("request")
    user = context.get("user")
    path = getattr(request, "path", "") or ""
    place = path if path in PLACES else OTHER_PLACE
    signed_in = bool(user is not None and user.is_authenticated)
    name = (user.get_short_name() or user.email) if signed_in else ""
    key = (
        context.get("principal"),
        get_language(),
        _current_url(context.get("menu")),
        place,
        signed_in,
        name,
    )
    html = _DRAWN.get(key)
    if html is None:
        html = _draw(context, place)
        if len(_DRAWN) >= _DRAWN_MAX:
            _DRAWN.clear()
        _DRAWN[key] = html
    token = str(context.get("csrf_token", ""))
    full_path = request.get_full_path() if request is not None else ""
    html = html.replace(CSRF_MARK, escape(token)).replace(NEXT_MARK, escape(full_path))
    html = html.replace(BELL_MARK, _bell(context) if signed_in else "")
    return mark_safe(html.replace(VIEWS_MARK, _views(context) if signed_in else ""))  # noqa: S308


def _bell(context) -> str:
    """The notifications bell, drawn with the page's own context: its unread count is
    never kept."""
    global _BELL
    if _BELL is None:
        _BELL = context.template.engine.from_string(
            "{% load notifications_bell %}{% notifications_bell %}"
        )
    return _BELL.render(context)


_BELL = None


def _views(context) -> str:
    """The saved views' menu group, drawn with the page's own context: a view saved or
    deleted (by the person or, for a team's view, a colleague) shows on the next page."""
    global _VIEWS
    if _VIEWS is None:
        _VIEWS = context.template.engine.from_string("{% load saved_views %}{% saved_views_menu %}")
    return _VIEWS.render(context)


_VIEWS = None
