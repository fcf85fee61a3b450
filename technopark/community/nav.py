"""Community life in the menu and on a site's page (amenities and coming events)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.community.ical import personal_entries
from technopark.community.models import Registration
from technopark.community.permissions import visible_events
from technopark.community.selectors import amenities_now
from technopark.core.formatting import next_on
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
    """Staff: this week's events at their sites and how full they are; site managers, the
    registrations awaiting their approval. Members: the events they registered to."""
    p = principal(request.user)
    items = _mine(p) if p.startup_ids else []
    if p.is_network_admin or p.managed_site_ids:
        items.append(_awaiting_approval(request.user, p))
    if not (p.is_network_admin or p.staff_site_ids):
        return items
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
        *items,
        TodayItem(
            _("Events in the next seven days"), week["n"], reverse("community:event_list"), hint
        ),
    ]


def _awaiting_approval(user, p) -> TodayItem:
    """Registrations to coming events of the manager's sites that wait for a decision; the
    link opens the event when they are all for one, else the events that have some."""
    pending = Registration.objects.filter(
        status=Registration.Status.PENDING,
        event__in=visible_events(user).values("pk"),
        event__ends_at__gte=timezone.now(),
    )
    if not p.is_network_admin:
        pending = pending.filter(event__site_id__in=p.managed_site_ids)
    found = pending.aggregate(n=Count("pk"), events=Count("event", distinct=True))
    url = reverse("community:event_list") + "?awaiting=1"
    if found["events"] == 1:
        url = reverse("community:event_manage", args=[pending.values_list("event", flat=True)[0]])
    hint = ""
    if found["events"] > 1:
        hint = _("on %(n)d events") % {"n": found["events"]}
    return TodayItem(_("Registrations awaiting your approval"), found["n"], url, hint)


def _mine(p) -> list[TodayItem]:
    """The coming events the person registered to (confirmed or on the waiting list)."""
    coming = Registration.objects.filter(
        user_id=p.user_id,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        event__status="published",
        event__starts_at__gte=timezone.now(),
    ).aggregate(n=Count("pk"), first=Min("event__starts_at"))
    return [
        TodayItem(
            _("Your coming events"),
            coming["n"],
            reverse("community:my_events"),
            next_on(coming["first"]),
            "mine",
        )
    ]


HOOKS = AppHooks(
    nav_items=nav_items,
    site_panels=site_panels,
    today_items=today_items,
    personal_entries=personal_entries,
)
