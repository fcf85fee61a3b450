"""Links the publishing work adds to shared pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    items = [NavItem(_("Open data"), reverse("publishing:figures"), "figures")]
    if principal(request.user).is_staff:
        items.append(NavItem(_("Reports"), reverse("publishing:reports"), "figures"))
    return items


def workspace_links(request, startup) -> list[NavItem]:
    if not can(request.user, "showcase.edit", startup):
        return []
    return [NavItem(_("Showcase profile"), reverse("publishing:showcase_edit", args=[startup.ref]))]


HOOKS = AppHooks(nav_items=nav_items, workspace_links=workspace_links)
