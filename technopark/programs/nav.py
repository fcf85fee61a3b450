"""Links the programs app adds to the main menu and to a startup's workspace."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.core.hooks import NavItem
from technopark.programs.models import Plan


def nav_items(request) -> list[NavItem]:
    p = principal(request.user)
    items = [NavItem(_("Calls"), reverse("programs:calls"))]
    if p.is_network_admin or p.operator_ids or p.managed_site_ids or p.officer_scopes:
        items.append(NavItem(_("Plans"), reverse("programs:plans")))
    elif p.is_authenticated:
        items.append(NavItem(_("My applications"), reverse("programs:applications")))
    return items


def workspace_links(request, startup) -> list[NavItem]:
    plan = Plan.objects.filter(startup=startup).only("pk").first()
    if plan is None:
        return []
    return [NavItem(_("Accompaniment plan"), reverse("programs:plan", args=[plan.pk]))]
