"""Booking's links on shared pages: the menu, the startup workspace, the site page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import NavItem, Panel


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    if p.is_authenticated and (p.is_network_admin or p.staff_site_ids or p.startup_ids):
        return [NavItem(_("Rooms"), reverse("booking:index"))]
    return []


def workspace_links(request, startup) -> list[NavItem]:
    if principal(request.user).is_member_of(startup.pk):
        return [NavItem(_("Book a meeting room"), reverse("booking:index"))]
    return []


def site_panels(request, site) -> list[Panel]:
    if not can(request.user, "booking.calendar", site):
        return []
    return [Panel("booking/_site_panel.html", {"site": site})]


def room_hours(site, start, end) -> list[tuple]:
    """Confirmed bookings made by startups at `site` starting in [start, end): room hire
    that hosting bills (see `core.hooks.room_hours`)."""
    from technopark.booking.models import Booking

    return list(
        Booking.objects.filter(
            site=site,
            kind=Booking.Kind.BOOKING,
            status=Booking.Status.CONFIRMED,
            startup__isnull=False,
            starts_at__gte=start,
            starts_at__lt=end,
        ).values_list("startup_id", "starts_at", "ends_at")
    )
