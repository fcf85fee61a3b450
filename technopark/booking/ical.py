"""iCalendar (RFC 5545) of bookings: the private feeds and the e-mailed invitations.

Both are written by the shared builder `technopark.core.ical`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from technopark.accounts.permissions import principal
from technopark.booking.models import Booking
from technopark.core import ical


def booking_item(booking: Booking) -> ical.Item:
    room = booking.space.name or booking.space.code
    return ical.Item(
        uid=f"{booking.uid}@technopark.ma",
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        summary=booking.title,
        sequence=booking.ical_sequence,
        location=f"{room}, {booking.site.name}",
        cancelled=booking.status in (Booking.Status.CANCELLED, Booking.Status.DECLINED),
        stamp=booking.updated_at,
        attendees=[booking.booked_by.email] if booking.booked_by.email else [],
    )


def bookings_calendar(name: str, bookings: Iterable[Booking]) -> bytes:
    return ical.calendar((booking_item(b) for b in bookings), name=name)


def booking_invitation(booking: Booking, method: str = ical.REQUEST) -> tuple[str, bytes, str]:
    """The invite.ics of a booking: REQUEST when confirmed or moved, CANCEL when cancelled."""
    return ical.invitation(booking_item(booking), method)


def personal_entries(user, start, end) -> list[ical.Item]:
    """The personal calendar's room bookings: those the person made and their startups'
    (a hall request awaiting approval is tentative; blockings are not commitments). One
    query."""
    p = principal(user)
    bookings = (
        Booking.objects.filter(
            Q(booked_by_id=p.user_id) | Q(startup_id__in=p.startup_ids),
            kind=Booking.Kind.BOOKING,
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("space", "site", "booked_by")
        .order_by("starts_at", "pk")
    )
    items = []
    for booking in bookings:
        item = booking_item(booking)
        if booking.status == Booking.Status.REQUESTED:
            item.mark_tentative(booking.get_status_display())
        items.append(item)
    return items
