"""Import and export in the main menu, for those who may use them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not can(user, "interchange.import"):
        return []
    return [NavItem(_("Import / export"), reverse("interchange:index"), "admin")]


HOOKS = AppHooks(nav_items=nav_items)
