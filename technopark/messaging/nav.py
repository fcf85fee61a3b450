"""The messages in the menu of the staff who write them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    if not can(request.user, "message.write"):
        return []
    return [NavItem(_("Messages"), reverse("messaging:list"), "community")]


HOOKS = AppHooks(nav_items=nav_items)
