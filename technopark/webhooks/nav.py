"""Webhooks in the main menu, for those who may subscribe (network and partner admins)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    if not can(request.user, "webhook.create"):
        return []
    return [NavItem(_("Webhooks"), reverse("webhooks:index"), "admin")]


HOOKS = AppHooks(nav_items=nav_items)
