"""Community life in the menu and on a site's page (amenities and coming events)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.community.ical import personal_entries
from technopark.community.permissions import visible_events
from technopark.community.selectors import amenities_now
from technopark.core.hooks import AppHooks, NavItem, Panel, TodayItem


def nav_items(request) -> list[NavItem]:
    return [NavItem(_("Events"), reverse("community:event_list"), "community")]


def site_panels(request, site) -> list[Panel]:
    rows, ramadan = amenities_now(site)
    events = list(
        visible_events(request.user)
        .filter(site=site, status="published", ends_at__gte=timezone.now())
        .order_by("starts_at")[:5]
    )
    return [
        Panel(
            "community/_site_panel.html",
            {"site": site, "rows": rows, "ramadan": ramadan, "events": events},
        )
    ]


def today_items(request) -> list[TodayItem]:
    """Staff: this week's events at their sites and how full they are."""
    p = principal(request.user)
    if not (p.is_network_admin or p.staff_site_ids):
        return []
    now = timezone.now()
    events = visible_events(request.user).filter(
        status="published", starts_at__gte=now, starts_at__lt=now + dt.timedelta(days=7)
    )
    if not p.is_network_admin:
        events = events.filter(site_id__in=p.staff_site_ids)
    week = events.aggregate(
        n=Count("pk"),
        confirmed=Sum("confirmed", filter=Q(capacity__isnull=False)),
        capacity=Sum("capacity"),
    )
    hint = ""
    if week["capacity"]:
        hint = _("%(taken)s of %(capacity)s places taken (%(rate)s %%)") % {
            "taken": week["confirmed"] or 0,
            "capacity": week["capacity"],
            "rate": round(100 * (week["confirmed"] or 0) / week["capacity"]),
        }
    return [
        TodayItem(
            _("Events in the next seven days"), week["n"], reverse("community:event_list"), hint
        )
    ]


HOOKS = AppHooks(
    nav_items=nav_items,
    site_panels=site_panels,
    today_items=today_items,
    personal_entries=personal_entries,
)
