"""The guichet unique in the menu, in a startup's workspace and on a site's page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import NavItem, Panel


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    items = [NavItem(_("Guichet unique"), reverse("desk:index"))]
    if p.desk_ids or p.staff_site_ids or p.is_network_admin:
        items.append(NavItem(_("Desk day"), reverse("desk:my_desk")))
    return items


def workspace_links(request, startup) -> list[NavItem]:
    if not can(request.user, "startup.workspace", startup):
        return []
    return [NavItem(_("Desk appointments"), reverse("desk:my_appointments"))]


def site_panels(request, site) -> list[Panel]:
    desks = list(site.desks.filter(active=True).prefetch_related("services").order_by("partner"))
    if not desks:
        return []
    return [
        Panel(
            "desk/_site_panel.html",
            {
                "site": site,
                "desks": desks,
                "can_manage": [d.pk for d in desks if can(request.user, "desk.manage", d)],
            },
        )
    ]
