"""Fifty requests race for one room: exactly one wins, whatever the database.

The control run turns the guard off (the service's naive check-then-insert with no lock,
and the database constraint dropped) to show the same race double-books, so the test is
known to bite.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from technopark.booking import migrations_sql, services
from technopark.booking.models import Booking
from technopark.booking.tests.conftest import at

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
]

THREADS = 50


def _race(cast, room, day) -> tuple[Counter, list[str]]:
    login = Client()
    login.force_login(cast.owner)
    cookies = login.cookies
    # Load the URL configuration once before the race (it mounts the API routers).
    assert login.get("/api/v1/spaces").status_code == 200
    barrier = threading.Barrier(THREADS)
    statuses: Counter = Counter()
    errors: list[str] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        client = Client()
        client.cookies = cookies
        payload = {
            "site": cast.site.code,
            "space": room.code,
            # every attempt overlaps every other: shifted by i minutes on one hour
            "starts_at": at(day, 10, i).isoformat(),
            "ends_at": at(day, 11, i).isoformat(),
            "title": f"Réunion {i}",
        }
        try:
            barrier.wait()
            response = client.post("/api/v1/bookings", payload, content_type="application/json")
            with lock:
                statuses[response.status_code] += 1
                if response.status_code == 409:
                    assert response.json()["code"] == "conflict"
        except Exception as exc:  # noqa: BLE001 - any crash is a server error here
            with lock:
                statuses[500] += 1
                errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses, errors


def _drop_guard() -> None:
    statements = (
        migrations_sql.PG_BACKWARD
        if connection.vendor == "postgresql"
        else migrations_sql.SQLITE_BACKWARD
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _restore_guard() -> None:
    Booking.objects.all().delete()
    statements = (
        migrations_sql.PG_FORWARD
        if connection.vendor == "postgresql"
        else migrations_sql.SQLITE_FORWARD
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def test_fifty_concurrent_requests_give_one_booking(cast, room, day):
    statuses, errors = _race(cast, room, day)
    assert not errors
    assert statuses == Counter({201: 1, 409: THREADS - 1})
    assert Booking.objects.filter(space=room, status="confirmed").count() == 1


# The control runs' pause between the naive check and the insert (seconds).
CONTROL_PAUSE = 0.5


def test_control_without_the_guard_double_books(cast, room, day, monkeypatch):
    """Same race with the service's lock and the database constraint both off.

    The naive check-then-insert pauses {CONTROL_PAUSE} s between the two: the fifty
    requests reach the check spread over a second or more of one process's CPU, so a short
    pause let only one or two in on a busy machine; half a second lets many. Three tries
    still, and the control fails if it never double-books.
    """
    monkeypatch.setattr(
        services, "GUARD", services.RaceGuard(serialise=False, pause_seconds=CONTROL_PAUSE)
    )
    _drop_guard()
    winners = []
    try:
        for _try in range(3):
            statuses, errors = _race(cast, room, day)
            assert not errors
            assert Booking.objects.filter(space=room).count() == statuses[201]
            winners.append(statuses[201])
            if statuses[201] > 1:
                break
            Booking.objects.all().delete()
    finally:
        _restore_guard()
    print(f"control run: winners per try {winners}")
    assert max(winners) > 1, winners


def test_the_database_refuses_an_overlap_the_service_did_not_check(cast, room, day, monkeypatch):
    """With only the service's check off, the constraint / trigger still says no."""
    monkeypatch.setattr(services, "GUARD", services.RaceGuard(serialise=False, pause_seconds=0.05))
    statuses, errors = _race(cast, room, day)
    assert statuses[201] == 1
    assert Booking.objects.filter(space=room, status="confirmed").count() == 1
