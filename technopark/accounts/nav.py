"""One's private calendar address, in the account menu (next to the notification settings)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    if not principal(getattr(request, "user", None)).is_authenticated:
        return []
    return [NavItem(_("My calendar"), reverse("accounts:calendar"), "account")]


HOOKS = AppHooks(nav_items=nav_items)
