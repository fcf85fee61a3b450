"""Hosting's links on shared pages: the staff menu, the startup workspace, the site page."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
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


def site_context(request, site, day, show_tenants: bool) -> dict:
    """A site's page: its spaces with the lease of the day, occupancy, residents."""
    from technopark.hosting.selectors import site_occupancy, site_spaces

    rows = site_spaces(site, day)
    residents = sorted({row.lease.startup for row in rows if row.lease}, key=lambda s: s.name)
    return {
        "rows": rows if show_tenants else [],
        "occupancy": site_occupancy(rows),
        "residents": residents if show_tenants else [s for s in residents if s.public],
    }


def startup_filter_q(name: str, value: str, today) -> Q | None:
    """The startups' directory: holding a contract at a site, resident today."""
    from technopark.hosting.models import Lease

    leases = Lease.objects.filter(startup=OuterRef("pk"))
    if name == "site":
        return Q(Exists(leases.filter(site__code=value)))
    if name == "status" and value == "resident":
        return Q(Exists(leases.active_on(today)))
    return None


def startup_timeline(startup, *, private: bool) -> list:
    if not private:
        return []
    from technopark.startups.selectors import TimelineEntry

    entries = []
    for lease in startup.leases.signed().select_related("space"):
        entries.append(
            TimelineEntry(
                lease.starts_on, "lease", _("Moved into %(space)s") % {"space": lease.space}
            )
        )
        if lease.ends_on:
            entries.append(
                TimelineEntry(
                    lease.ends_on, "lease_end", _("Handed back %(space)s") % {"space": lease.space}
                )
            )
    return entries
