"""How apps add to shared pages without editing them.

An app may define, in its `nav.py`:

- `nav_items(request) -> list[NavItem]`: links in the main menu (already filtered by role),
  each declaring the menu group it belongs to (`technopark.core.navigation.GROUPS`).
  What it answers must depend only on the person's principal (roles and memberships,
  through `principal()`/`can(user, perm)` without an object) and the language: the menu
  is kept per principal and language (`core.navigation.menu_items`), so a link that
  depended on records (an open campaign, a count) would go stale;
- `workspace_links(request, startup) -> list[NavItem]`: links in a startup's workspace;
- `workspace_panels(request, startup) -> list[Panel]`: notices at the top of a startup's
  workspace (e.g. what the network asks of it, until it is answered);
- `site_panels(request, site) -> list[Panel]`: sections on a site's page;
- `site_context(request, site, day, show_tenants) -> dict`: what the apps above the
  network add to a site's page (its spaces and residents, its programs);
- `startup_directory(...)`: what the apps above startups add to the startups' directory
  (see `startup_filter_q`, `startup_filter_choices`, `startup_timeline`).
- `today_items(request) -> list[TodayItem]`: what awaits the person on their home page,
  each a count and a link (one query per item, so the home does not grow with the data).

And in its `ical.py`:

- `personal_entries(user, start, end) -> list[ical.Item]`: the person's own commitments
  that the app holds in [start, end), each with the UID and SEQUENCE of its invitation, in
  the active language (one or two queries, so the personal calendar feed does not grow in
  queries with the data; see docs/calendars.md).

Apps are asked in INSTALLED_APPS order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    # The main menu's group (a key of `technopark.core.navigation.GROUPS`); ignored by the
    # other hooks, which draw a flat list.
    group: str = "network"


@dataclass(frozen=True)
class TodayItem:
    """One line of the home's "what needs me today" list."""

    label: str
    count: int
    url: str
    # Shown under the label: "3 of 20 places taken", "next on 04/12/2026 at 10:00".
    hint: str = ""
    # Which part of the home it goes in: "work" (to do) or "mine" (one's own agenda).
    section: str = "work"


@dataclass
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@cache
def _nav_modules() -> list[ModuleType]:
    return app_modules("nav")


def app_labels() -> list[str]:
    """The project's apps, in INSTALLED_APPS order."""
    return [
        config.name.split(".", 1)[1]
        for config in apps.get_app_configs()
        if config.name.startswith("technopark.")
    ]


def app_modules(name: str) -> list[ModuleType]:
    """Each project app's module `name` (e.g. "nav", "tasks"), for those that have one."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("technopark.") or not module_has_submodule(
            config.module, name
        ):
            continue
        modules.append(import_module(f"{config.name}.{name}"))
    return modules


def _collect(hook: str, *args) -> list:
    found: list = []
    for module in _nav_modules():
        fn = getattr(module, hook, None)
        if fn is not None:
            found.extend(fn(*args))
    return found


def nav_items(request) -> list[NavItem]:
    return _collect("nav_items", request)


def workspace_links(request, startup) -> list[NavItem]:
    return _collect("workspace_links", request, startup)


def workspace_panels(request, startup) -> list[Panel]:
    return _collect("workspace_panels", request, startup)


def site_panels(request, site) -> list[Panel]:
    return _collect("site_panels", request, site)


def site_context(request, site, day, show_tenants: bool) -> dict[str, Any]:
    """What the apps above the network add to a site's page, merged."""
    context: dict[str, Any] = {}
    for module in _nav_modules():
        fn = getattr(module, "site_context", None)
        if fn is not None:
            context.update(fn(request, site, day, show_tenants))
    return context


def startup_filter_q(name: str, value: str, today) -> Q | None:
    """The startups' directory filter `name` (site, program, status) as the apps above
    startups define it: the union of what each app answers, or None when none knows it."""
    found = []
    for module in _nav_modules():
        fn = getattr(module, "startup_filter_q", None)
        if fn is not None:
            q = fn(name, value, today)
            if q is not None:
                found.append(q)
    if not found:
        return None
    union = found[0]
    for q in found[1:]:
        union |= q
    return union


def startup_filter_choices() -> dict[str, Any]:
    """Choices the apps above startups offer for the directory's filters (e.g. programs)."""
    choices: dict[str, Any] = {}
    for module in _nav_modules():
        fn = getattr(module, "startup_filter_choices", None)
        if fn is not None:
            choices.update(fn())
    return choices


def startup_timeline(startup, *, private: bool) -> list:
    """Entries the apps above startups add to a startup's timeline."""
    entries: list = []
    for module in _nav_modules():
        fn = getattr(module, "startup_timeline", None)
        if fn is not None:
            entries.extend(fn(startup, private=private))
    return entries


def today_items(request) -> list[TodayItem]:
    return _collect("today_items", request)


@cache
def _ical_modules() -> list[ModuleType]:
    return app_modules("ical")


def personal_entries(user, start, end) -> list:
    """Every app's calendar entries of `user`'s own commitments in [start, end)."""
    found: list = []
    for module in _ical_modules():
        fn = getattr(module, "personal_entries", None)
        if fn is not None:
            found.extend(fn(user, start, end))
    return found
