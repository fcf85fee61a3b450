"""Hosting's links on shared pages: the staff menu, the startup workspace, the site page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import NavItem, Panel


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    if p.is_network_admin or p.staff_site_ids:
        return [NavItem(_("Hosting"), reverse("hosting:index"))]
    return []


def workspace_links(request, startup) -> list[NavItem]:
    if can(request.user, "startup.invoices", startup):
        return [
            NavItem(
                _("Contracts and invoices"), reverse("hosting:startup_invoices", args=[startup.ref])
            )
        ]
    return []


def site_panels(request, site) -> list[Panel]:
    if not can(request.user, "hosting.view_site", site):
        return []
    return [Panel("hosting/_site_panel.html", {"site": site})]
