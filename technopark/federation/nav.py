"""The federation's links in the main menu."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem, Panel
from technopark.federation.models import SiteProject


def nav_items(request) -> list[NavItem]:
    items = [
        NavItem(_("Partners"), reverse("federation:partner_directory"), "network"),
        NavItem(_("Regions"), reverse("federation:region_list"), "network"),
    ]
    user = request.user
    if principal(user).operator_ids or can(user, "federation.network_staff"):
        items.append(NavItem(_("Partner spaces"), reverse("federation:partner_space"), "network"))
    if can(user, "federation.network_staff"):
        items += [
            NavItem(_("Pipeline"), reverse("federation:pipeline_list"), "network"),
            NavItem(_("Scenarios"), reverse("federation:scenario"), "figures"),
            NavItem(_("Bilan by structure"), reverse("federation:bilan_split"), "figures"),
        ]
    return items


def site_panels(request, site) -> list[Panel]:
    """On a site being built, network staff see where its construction stands."""
    if site.opened_on is not None or not can(request.user, "federation.network_staff"):
        return []
    project = SiteProject.objects.filter(site=site).first()
    if project is None:
        return []
    items = list(project.checklist.all())
    return [
        Panel(
            "federation/_site_panel.html",
            {"project": project, "done": sum(1 for i in items if i.done), "total": len(items)},
        )
    ]


HOOKS = AppHooks(nav_items=nav_items, site_panels=site_panels)
