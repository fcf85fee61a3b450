"""Who may book a room, see a site's calendar, change a booking, block rooms and set rules.

Residents (members of a startup with a contract running at the site) and the site's staff
book; the site's managers block rooms and change the rules; a booking is changed by the
person who made it, a member of the startup it is for, or the site's managers.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.booking.models import Audience, Booking, CalendarFeed
from technopark.booking.rules import rules_for
from technopark.network.models import Site, Space


def resident_startup_ids(p: Principal, site_id: int, day: dt.date | None = None) -> list[int]:
    """The user's startups that have a contract running at the site on `day`."""
    if not p.startup_ids:
        return []
    from technopark.hosting.selectors import leases_active_on

    day = day or dt.date.today()
    return sorted(
        set(
            leases_active_on(day)
            .filter(site_id=site_id, startup_id__in=p.startup_ids)
            .values_list("startup_id", flat=True)
        )
    )


def visible_bookings(user) -> QuerySet[Booking]:
    p = principal(user)
    qs = Booking.objects.select_related("space", "site", "startup", "booked_by")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    q = Q(booked_by_id=p.user_id) | Q(startup_id__in=p.startup_ids)
    if p.staff_site_ids:
        q |= Q(site_id__in=p.staff_site_ids)
    return qs.filter(q)


def calendar_sites(user) -> QuerySet[Site]:
    """Sites whose calendar the user sees: where they work or are resident."""
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.all()
    if not p.is_authenticated:
        return Site.objects.none()
    from technopark.hosting.selectors import leases_active_on

    resident = leases_active_on(dt.date.today()).filter(startup_id__in=p.startup_ids)
    return Site.objects.filter(
        Q(pk__in=p.staff_site_ids) | Q(pk__in=resident.values("site_id"))
    ).distinct()


def visible_feeds(user) -> QuerySet[CalendarFeed]:
    p = principal(user)
    if not p.is_authenticated:
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(user_id=p.user_id).select_related("space__site")


@rule("booking.calendar")
def _calendar(p: Principal, site: Site) -> bool:
    return p.works_at_site(site.pk) or bool(resident_startup_ids(p, site.pk))


@rule("booking.book")
def _book(p: Principal, space: Space) -> bool:
    if not p.is_authenticated or not space.bookable:
        return False
    if p.works_at_site(space.site_id):
        return True
    if rules_for(space).audience == Audience.STAFF:
        return False
    return bool(resident_startup_ids(p, space.site_id))


@rule("booking.manage")
def _manage(p: Principal, space: Space) -> bool:
    """Block a room, change its rules."""
    return p.manages_site(space.site_id)


@rule("booking.view")
def _view(p: Principal, booking: Booking) -> bool:
    return (
        p.works_at_site(booking.site_id)
        or booking.booked_by_id == p.user_id
        or p.is_member_of(booking.startup_id)
    )


@rule("booking.change")
def _change(p: Principal, booking: Booking) -> bool:
    if booking.is_blocking:
        return p.manages_site(booking.site_id)
    return (
        p.manages_site(booking.site_id)
        or booking.booked_by_id == p.user_id
        or (booking.startup_id is not None and p.is_member_of(booking.startup_id))
    )


@rule("booking.feed_room")
def _feed_room(p: Principal, space: Space) -> bool:
    return p.works_at_site(space.site_id) or bool(resident_startup_ids(p, space.site_id))


@rule("booking.decide")
def _decide(p: Principal, site) -> bool:
    """Approve or decline hall requests: the site's managers."""
    return p.manages_site(site.pk)
