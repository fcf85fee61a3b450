"""The bilan in the main menu, for the staff who may read it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    if can(request.user, "bilan.view", None):
        return [NavItem(_("Bilan"), reverse("impact:dashboard"), "figures")]
    return []


HOOKS = AppHooks(nav_items=nav_items)
