"""Booking's links on shared pages: the menu, the startup workspace, the site page."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.booking.ical import personal_entries
from technopark.booking.models import Booking
from technopark.core.formatting import next_on
from technopark.core.hooks import AppHooks, NavItem, Panel, TodayItem


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    if p.is_authenticated and (p.is_network_admin or p.staff_site_ids or p.startup_ids):
        return [NavItem(_("Rooms"), reverse("booking:index"), "operations")]
    return []


def workspace_links(request, startup) -> list[NavItem]:
    if principal(request.user).is_member_of(startup.pk):
        return [NavItem(_("Book a meeting room"), reverse("booking:index"))]
    return []


def site_panels(request, site) -> list[Panel]:
    if not can(request.user, "booking.calendar", site):
        return []
    return [Panel("booking/_site_panel.html", {"site": site})]


def today_items(request) -> list[TodayItem]:
    """Site managers: the hall requests awaiting their decision. Members: their startup's
    next room bookings."""
    p = principal(request.user)
    items = []
    if p.managed_site_ids or p.is_network_admin:
        requested = Booking.objects.filter(status=Booking.Status.REQUESTED)
        if not p.is_network_admin:
            requested = requested.filter(site_id__in=p.managed_site_ids)
        sites = list(requested.values_list("site__code", flat=True).distinct()[:2])
        url = (
            reverse("booking:hall_requests", args=[sites[0]])
            if len(sites) == 1
            else reverse("booking:index")
        )
        items.append(TodayItem(_("Hall requests awaiting your decision"), requested.count(), url))
    if not p.startup_ids:
        return items
    coming = Booking.objects.filter(
        startup_id__in=p.startup_ids,
        kind=Booking.Kind.BOOKING,
        status=Booking.Status.CONFIRMED,
        ends_at__gte=timezone.now(),
    ).aggregate(n=Count("pk"), first=Min("starts_at"))
    hint = next_on(coming["first"])
    return [
        *items,
        TodayItem(
            _("Your coming room bookings"), coming["n"], reverse("booking:index"), hint, "mine"
        ),
    ]


HOOKS = AppHooks(
    nav_items=nav_items,
    workspace_links=workspace_links,
    site_panels=site_panels,
    today_items=today_items,
    personal_entries=personal_entries,
)
