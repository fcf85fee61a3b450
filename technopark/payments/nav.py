"""Payments' links on shared pages: pay online from the workspace, statements for managers."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    if p.is_network_admin or p.managed_site_ids:
        return [NavItem(_("Bank statements"), reverse("payments:statements_index"), "operations")]
    return []


def workspace_links(request, startup) -> list[NavItem]:
    if can(request.user, "payments.pay", startup):
        return [NavItem(_("Pay online"), reverse("payments:startup_pay", args=[startup.ref]))]
    return []


HOOKS = AppHooks(nav_items=nav_items, workspace_links=workspace_links)
