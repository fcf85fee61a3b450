"""How apps add to shared pages without editing them: declared, typed extension points.

An app answers in its `nav.py` with one declaration, `HOOKS = AppHooks(...)`, naming the
functions it offers; each field of `AppHooks` is typed by a Protocol below, and
`manage.py check` (`check_hooks`, run at every start) fails on a nav.py without `HOOKS`,
on an unknown (misspelt) field, on a function whose parameters are not the hook's, and on
a public function of nav.py that `HOOKS` does not declare. The hooks:

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
- `startup_filter_q`, `startup_filter_choices`, `startup_timeline`: what the apps above
  startups add to the startups' directory and to a startup's timeline;
- `today_items(request) -> list[TodayItem]`: what awaits the person on their home page,
  each a count and a link (one query per item, so the home does not grow with the data);
- `personal_entries(user, start, end) -> list[ical.Item]`: the person's own commitments
  that the app holds in [start, end) (kept in the app's `ical.py`, declared in its nav.py),
  each with the UID and SEQUENCE of its invitation, in the active language (one or two
  queries, so the personal calendar feed does not grow in queries with the data; see
  docs/calendars.md).

Apps are asked in INSTALLED_APPS order. core imports no app: the records a hook receives
(a startup, a site) are typed `Any` here.
"""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any, Protocol

from django.apps import apps
from django.core import checks
from django.db.models import Q
from django.http import HttpRequest
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


# --- The hooks' signatures -------------------------------------------------------------


class NavItemsHook(Protocol):
    def __call__(self, request: HttpRequest) -> list[NavItem]: ...


class TodayItemsHook(Protocol):
    def __call__(self, request: HttpRequest) -> list[TodayItem]: ...


class WorkspaceLinksHook(Protocol):
    def __call__(self, request: HttpRequest, startup: Any) -> list[NavItem]: ...


class WorkspacePanelsHook(Protocol):
    def __call__(self, request: HttpRequest, startup: Any) -> list[Panel]: ...


class SitePanelsHook(Protocol):
    def __call__(self, request: HttpRequest, site: Any) -> list[Panel]: ...


class SiteContextHook(Protocol):
    def __call__(
        self, request: HttpRequest, site: Any, day: dt.date, show_tenants: bool
    ) -> dict[str, Any]: ...


class StartupFilterQHook(Protocol):
    def __call__(self, name: str, value: str, today: dt.date) -> Q | None: ...


class StartupFilterChoicesHook(Protocol):
    def __call__(self) -> dict[str, Any]: ...


class StartupTimelineHook(Protocol):
    def __call__(self, startup: Any, *, private: bool) -> list: ...


class PersonalEntriesHook(Protocol):
    def __call__(self, user: Any, start: dt.datetime, end: dt.datetime) -> list: ...


@dataclass(frozen=True, kw_only=True)
class AppHooks:
    """What one app answers, declared in its nav.py: `HOOKS = AppHooks(nav_items=nav_items)`.

    A field left None is a hook the app does not answer."""

    nav_items: NavItemsHook | None = None
    today_items: TodayItemsHook | None = None
    workspace_links: WorkspaceLinksHook | None = None
    workspace_panels: WorkspacePanelsHook | None = None
    site_panels: SitePanelsHook | None = None
    site_context: SiteContextHook | None = None
    startup_filter_q: StartupFilterQHook | None = None
    startup_filter_choices: StartupFilterChoicesHook | None = None
    startup_timeline: StartupTimelineHook | None = None
    personal_entries: PersonalEntriesHook | None = None


# The Protocol of each field, for the start-up check.
SIGNATURES: dict[str, type] = {
    "nav_items": NavItemsHook,
    "today_items": TodayItemsHook,
    "workspace_links": WorkspaceLinksHook,
    "workspace_panels": WorkspacePanelsHook,
    "site_panels": SitePanelsHook,
    "site_context": SiteContextHook,
    "startup_filter_q": StartupFilterQHook,
    "startup_filter_choices": StartupFilterChoicesHook,
    "startup_timeline": StartupTimelineHook,
    "personal_entries": PersonalEntriesHook,
}


@cache
def registry() -> list[AppHooks]:
    """Every app's declared hooks, in INSTALLED_APPS order."""
    return [module.HOOKS for module in app_modules("nav")]


def _answers(hook: str) -> list:
    return [fn for hooks in registry() if (fn := getattr(hooks, hook)) is not None]


def _collect(hook: str, *args) -> list:
    found: list = []
    for fn in _answers(hook):
        found.extend(fn(*args))
    return found


# --- What the shared pages ask ----------------------------------------------------------


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
    for fn in _answers("site_context"):
        context.update(fn(request, site, day, show_tenants))
    return context


def startup_filter_q(name: str, value: str, today) -> Q | None:
    """The startups' directory filter `name` (site, program, status) as the apps above
    startups define it: the union of what each app answers, or None when none knows it."""
    found = []
    for fn in _answers("startup_filter_q"):
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
    for fn in _answers("startup_filter_choices"):
        choices.update(fn())
    return choices


def startup_timeline(startup, *, private: bool) -> list:
    """Entries the apps above startups add to a startup's timeline."""
    entries: list = []
    for fn in _answers("startup_timeline"):
        entries.extend(fn(startup, private=private))
    return entries


def today_items(request) -> list[TodayItem]:
    return _collect("today_items", request)


def personal_entries(user, start, end) -> list:
    """Every app's calendar entries of `user`'s own commitments in [start, end)."""
    return _collect("personal_entries", user, start, end)


# --- The start-up check -------------------------------------------------------------------


def _parameters(fn) -> list[tuple[str, Any]]:
    return [(p.name, p.kind) for p in inspect.signature(fn).parameters.values()]


def _expected(protocol: type) -> list[tuple[str, Any]]:
    return _parameters(protocol.__call__)[1:]  # without self


def hooks_problems(module: ModuleType) -> list[str]:
    """What is wrong with one app's nav.py declaration (empty when nothing is)."""
    hooks = getattr(module, "HOOKS", None)
    if not isinstance(hooks, AppHooks):
        return ["defines no `HOOKS = AppHooks(...)`"]
    problems = []
    declared = {}
    for f in fields(AppHooks):
        fn = getattr(hooks, f.name)
        if fn is None:
            continue
        declared[f.name] = fn
        if not callable(fn):
            problems.append(f"`{f.name}` is not a function")
        elif _parameters(fn) != _expected(SIGNATURES[f.name]):
            wanted = ", ".join(name for name, _kind in _expected(SIGNATURES[f.name]))
            problems.append(f"`{f.name}` does not take ({wanted}) as the hook does")
    answered = {id(fn) for fn in declared.values()}
    for name, obj in vars(module).items():
        if (
            inspect.isfunction(obj)
            and obj.__module__ == module.__name__
            and not name.startswith("_")
            and id(obj) not in answered
        ):
            problems.append(
                f"defines `{name}`, which HOOKS does not declare (a misspelt or forgotten hook?)"
            )
    return problems


@checks.register()
def check_hooks(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Each app's nav.py declares its hooks, spelt and typed as `AppHooks` says."""
    errors: list[checks.CheckMessage] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("technopark.") or not module_has_submodule(
            config.module, "nav"
        ):
            continue
        name = f"{config.name}.nav"
        try:
            module = import_module(name)
        except TypeError as exc:  # AppHooks(unknown_hook=...)
            errors.append(checks.Error(f"{name}: {exc}", id="technopark.E101"))
            continue
        for problem in hooks_problems(module):
            errors.append(checks.Error(f"{name} {problem}", id="technopark.E102"))
    return errors
