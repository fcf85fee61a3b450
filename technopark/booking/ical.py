"""iCalendar (RFC 5545) of bookings: the private feeds and the e-mailed invitations.

Both are written by the shared builder `technopark.core.ical`.
"""

from __future__ import annotations

from collections.abc import Iterable

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
