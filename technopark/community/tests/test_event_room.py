"""An event reserves its room: nobody can book the room from under it; cancelling the
event frees the room."""

from __future__ import annotations

import datetime as dt

import pytest

from technopark.booking import services as booking_services
from technopark.booking.rules import local_datetime
from technopark.community import services
from technopark.core.errors import Conflict
from technopark.house.testing import SpaceFactory
from technopark.network.models import Space


def _next_weekday() -> dt.date:
    day = dt.date.today() + dt.timedelta(days=3)
    while day.isoweekday() > 5:
        day += dt.timedelta(days=1)
    return day


def test_an_event_reserves_its_room(cast):
    room = SpaceFactory(
        site=cast.site, code="AUDITORIUM", kind=Space.Kind.MEETING_ROOM, seats=80, leasable=False
    )
    day = _next_weekday()
    event = services.event_create(
        site=cast.site,
        title="Demo Day",
        kind="demo_day",
        starts_at=local_datetime(day, dt.time(9)),
        ends_at=local_datetime(day, dt.time(13)),
        capacity=80,
        room=room,
        by=cast.site_manager,
    )
    assert event.room_booking.space == room
    with pytest.raises(Conflict):
        booking_services.booking_create(
            space=room,
            starts_at=local_datetime(day, dt.time(10)),
            ends_at=local_datetime(day, dt.time(11)),
            title="Réunion",
            by=cast.owner,
        )
    # a second event in the same room at the same time is refused, and not created
    with pytest.raises(Conflict):
        services.event_create(
            site=cast.site,
            title="Atelier",
            kind="workshop",
            starts_at=local_datetime(day, dt.time(12)),
            ends_at=local_datetime(day, dt.time(14)),
            capacity=20,
            room=room,
            by=cast.site_manager,
        )
    assert not type(event).objects.filter(title="Atelier").exists()
    services.event_cancel(event=event, by=cast.site_manager)
    booking = booking_services.booking_create(
        space=room,
        starts_at=local_datetime(day, dt.time(10)),
        ends_at=local_datetime(day, dt.time(11)),
        title="Réunion",
        by=cast.owner,
    )
    assert booking.status == "confirmed"
