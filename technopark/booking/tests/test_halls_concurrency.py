"""Fifty requests for one hall at once: exactly one request holds the slot (the others
get 409), on SQLite and PostgreSQL. The control run turns off the service's lock and the
database guard and shows several requests taking the same slot."""

from __future__ import annotations

import pytest

from technopark.booking import services
from technopark.booking.models import Booking, BookingRule
from technopark.booking.tests.test_concurrency import (
    CONTROL_PAUSE,
    THREADS,
    _drop_guard,
    _race,
    _restore_guard,
)

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hall(room):
    BookingRule.objects.create(space=room, needs_approval=True, max_minutes=600)
    return room


def test_fifty_requests_for_one_hall_hold_it_once(cast, hall, day):
    statuses, errors = _race(cast, hall, day)
    print(f"guarded run: {dict(statuses)}")
    assert not errors
    assert statuses[201] == 1 and statuses[409] == THREADS - 1
    assert list(Booking.objects.filter(space=hall).values_list("status", flat=True)) == [
        "requested"
    ]


def test_control_without_the_guard_two_requests_take_the_hall(cast, hall, day, monkeypatch):
    """The naive check-then-insert lets several requests hold the hall. Like the rooms'
    control run, up to three tries, so that a slow machine cannot make it flaky; it fails
    if no try ever lets two requests in."""
    monkeypatch.setattr(
        services, "GUARD", services.RaceGuard(serialise=False, pause_seconds=CONTROL_PAUSE)
    )
    _drop_guard()
    winners = []
    try:
        for _try in range(3):
            statuses, errors = _race(cast, hall, day)
            assert not errors
            held = Booking.objects.filter(space=hall, status="requested").count()
            assert held == statuses[201]
            winners.append(statuses[201])
            if statuses[201] > 1:
                break
            Booking.objects.filter(space=hall).delete()
    finally:
        _restore_guard()
    print(f"control run: winners per try {winners}")
    assert max(winners) > 1, winners
