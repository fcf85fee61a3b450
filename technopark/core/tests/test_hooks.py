"""The extension points are declared and typed: each app's nav.py says `HOOKS = AppHooks(...)`,
and `manage.py check` fails on a missing declaration, a misspelt or forgotten hook, or a
function whose parameters are not the hook's."""

from __future__ import annotations

from types import ModuleType

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from technopark.core import hooks
from technopark.core.hooks import AppHooks, NavItem, check_hooks, hooks_problems
from technopark.impact import nav as impact_nav


def _nav(**attrs) -> ModuleType:
    module = ModuleType("technopark.example.nav")
    for name, value in attrs.items():
        if callable(value) and hasattr(value, "__module__"):
            value.__module__ = module.__name__
        setattr(module, name, value)
    return module


def nav_items(request) -> list[NavItem]:
    return []


def site_panels(request, site) -> list:
    return []


def test_every_app_declares_its_hooks_as_they_are_typed():
    assert check_hooks() == []
    assert all(isinstance(declared, AppHooks) for declared in hooks.registry())


def test_a_declaration_is_required():
    assert hooks_problems(_nav(nav_items=nav_items)) == ["defines no `HOOKS = AppHooks(...)`"]


def test_a_misspelt_hook_is_refused_where_it_is_declared():
    with pytest.raises(TypeError, match="nav_itmes"):
        AppHooks(nav_itmes=nav_items)


def test_a_misspelt_or_forgotten_function_is_named():
    def today_item(request):
        return []

    module = _nav(nav_items=nav_items, today_item=today_item, HOOKS=AppHooks(nav_items=nav_items))
    assert hooks_problems(module) == [
        "defines `today_item`, which HOOKS does not declare (a misspelt or forgotten hook?)"
    ]


def test_a_function_must_take_what_the_hook_is_given():
    def panels(request):
        return []

    module = _nav(HOOKS=AppHooks(site_panels=panels, nav_items=nav_items))
    module.panels = panels
    assert hooks_problems(module) == [
        "`site_panels` does not take (request, site) as the hook does"
    ]
    assert hooks_problems(_nav(HOOKS=AppHooks(site_panels=site_panels))) == []


def test_manage_py_check_fails_on_a_broken_declaration(monkeypatch):
    def today_item(request):
        return []

    today_item.__module__ = impact_nav.__name__
    monkeypatch.setattr(impact_nav, "today_item", today_item, raising=False)
    errors = check_hooks()
    assert [error.id for error in errors] == ["technopark.E102"]
    assert "technopark.impact.nav defines `today_item`" in errors[0].msg
    with pytest.raises(SystemCheckError):
        call_command("check")
