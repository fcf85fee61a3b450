"""Reads for the calendar and availability: a site's rooms and their bookings over a span."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from technopark.booking.models import Booking
from technopark.booking.rules import Rules, local_datetime, rules_for_spaces
from technopark.network.models import Site, Space


def bookable_rooms(site: Site) -> QuerySet[Space]:
    return site.spaces.filter(kind__in=Space.BOOKABLE_KINDS).order_by("kind", "code")


def bookings_between(spaces, starts_at: dt.datetime, ends_at: dt.datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        space__in=spaces,
        status=Booking.Status.CONFIRMED,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).select_related("startup", "booked_by", "space")


@dataclass
class RoomDay:
    space: Space
    rules: Rules
    bookings: list[Booking]

    @property
    def open(self) -> bool:
        return self.rules.bookable


def site_calendar(site: Site, days: list[dt.date]) -> dict[dt.date, list[RoomDay]]:
    """For each day, each room with its rules and confirmed bookings (three queries)."""
    rooms = list(bookable_rooms(site))
    rules = rules_for_spaces(rooms)
    start = local_datetime(days[0], dt.time(0))
    end = local_datetime(days[-1] + dt.timedelta(days=1), dt.time(0))
    by_room_day: dict[tuple[int, dt.date], list[Booking]] = {}
    for booking in bookings_between(rooms, start, end):
        from technopark.booking.rules import local

        key = (booking.space_id, local(booking.starts_at).date())
        by_room_day.setdefault(key, []).append(booking)
    return {
        day: [RoomDay(room, rules[room.pk], by_room_day.get((room.pk, day), [])) for room in rooms]
        for day in days
    }
