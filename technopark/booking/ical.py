"""iCalendar (RFC 5545) feeds of bookings, for calendar apps subscribing to a private URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from technopark.booking.models import Booking


def bookings_calendar(name: str, bookings: Iterable[Booking]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Technopark//Booking//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Africa/Casablanca")
    for booking in bookings:
        event = Event()
        event.add("uid", f"{booking.uid}@technopark.ma")
        event.add("dtstamp", (booking.updated_at or timezone.now()).astimezone(dt.UTC))
        event.add("dtstart", booking.starts_at.astimezone(dt.UTC))
        event.add("dtend", booking.ends_at.astimezone(dt.UTC))
        event.add("summary", booking.title)
        room = booking.space.name or booking.space.code
        event.add("location", f"{room}, {booking.site.name}")
        cancelled = booking.status == Booking.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()
