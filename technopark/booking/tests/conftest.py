from __future__ import annotations

import datetime as dt

import pytest

from technopark.booking.rules import local_datetime
from technopark.house.testing import SpaceFactory
from technopark.network.models import Space


def next_weekday(weekday: int = 2, *, after_days: int = 2) -> dt.date:
    """The next ISO `weekday` at least `after_days` from today."""
    day = dt.date.today() + dt.timedelta(days=after_days)
    while day.isoweekday() != weekday:
        day += dt.timedelta(days=1)
    return day


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return local_datetime(day, dt.time(hour, minute))


@pytest.fixture
def room(cast) -> Space:
    return SpaceFactory(
        site=cast.site,
        code="SALLE-1",
        name="Salle Atlas",
        kind=Space.Kind.MEETING_ROOM,
        seats=10,
        leasable=False,
    )


@pytest.fixture
def day() -> dt.date:
    return next_weekday(2)
