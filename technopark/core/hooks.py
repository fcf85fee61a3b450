"""How apps add to shared pages without editing them.

An app may define, in its `nav.py`:

- `nav_items(request) -> list[NavItem]`: links in the main menu (already filtered by role),
  each declaring the menu group it belongs to (`technopark.core.navigation.GROUPS`);
- `workspace_links(request, startup) -> list[NavItem]`: links in a startup's workspace;
- `site_panels(request, site) -> list[Panel]`: sections on a site's page;
- `today_items(request) -> list[TodayItem]`: what awaits the person on their home page,
  each a count and a link (one query per item, so the home does not grow with the data).

Apps are asked in INSTALLED_APPS order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps


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
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("technopark."):
            continue
        try:
            modules.append(import_module(f"{config.name}.nav"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.nav":
                raise
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


def site_panels(request, site) -> list[Panel]:
    return _collect("site_panels", request, site)


def today_items(request) -> list[TodayItem]:
    return _collect("today_items", request)
