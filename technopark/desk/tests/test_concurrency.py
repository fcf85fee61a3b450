"""20 startups race for a slot of capacity 2: exactly 2 get it, the others a clean 409.

Each thread has its own database connection (closed at the end). The control run turns
the guard off (`CAPACITY_GUARD = False`: the naive count-then-insert, whose read happens
outside the write transaction, as a plain ORM implementation would do) and shows that
the same race overbooks the slot, so the test is known to bite. Runs on SQLite by
default and on PostgreSQL when DATABASE_URL points there.
"""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from technopark.desk import services
from technopark.desk.models import Appointment, Slot
from technopark.desk.tests.factories import make_desk, make_slot
from technopark.house.testing import SiteFactory, StartupFactory, make_member
from technopark.network.models import Region

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

RACERS = 20
CAPACITY = 2


def race(count: int, work) -> list:
    """Run `work(i)` in `count` threads released together; return results or exceptions."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what happened
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def race_site(code: str):
    """A site; transactional tests flush the regions the migrations loaded, so add one."""
    Region.objects.get_or_create(
        code="MA-06",
        defaults={
            "name_fr": "Casablanca-Settat",
            "name_ar": "الدار البيضاء سطات",
            "name_en": "Casablanca-Settat",
        },
    )
    return SiteFactory(code=code)


def _world():
    desk = make_desk(race_site("RACE"), code="RACE-OMPIC")
    slot = make_slot(desk, day_offset=2, capacity=CAPACITY)
    startups = [StartupFactory() for _ in range(RACERS)]
    users = [make_member(s, founder=True) for s in startups]
    return desk, slot, startups, users


def test_twenty_bookings_of_a_slot_of_two_give_exactly_two():
    _desk, slot, _startups, users = _world()
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    body = json.dumps({"slot": slot.pk, "service": "certificat-negatif", "note": ""})

    def book(i: int):
        response = clients[i].post(
            "/api/v1/appointments", data=body, content_type="application/json"
        )
        return response.status_code, response.json()

    results = race(RACERS, book)
    assert not [r for r in results if isinstance(r, Exception)], results
    statuses = sorted(status for status, _ in results)
    assert statuses.count(201) == CAPACITY
    assert statuses.count(409) == RACERS - CAPACITY
    assert {body["code"] for status, body in results if status == 409} == {"full"}
    assert Appointment.objects.filter(slot=slot).exclude(status="cancelled").count() == CAPACITY
    assert Slot.objects.get(pk=slot.pk).booked == CAPACITY


def test_control_run_without_the_guard_overbooks(monkeypatch):
    """Without the guard the same race overbooks: proof that the test above can fail.

    The window is widened by a short pause between the read and the write; a few tries
    are allowed because thread scheduling is not deterministic.
    """
    monkeypatch.setattr(services, "CAPACITY_GUARD", False)
    monkeypatch.setattr(services, "RACE_PAUSE", 0.05)
    worst = 0
    for attempt in range(3):
        _desk, slot, startups, users = _world() if attempt == 0 else _again(attempt)
        service = slot.desk.services.get()

        def book(i: int, slot=slot, service=service, startups=startups, users=users):
            return services.appointment_book(
                slot=slot, service=service, startup=startups[i], by=users[i]
            )

        race(RACERS, book)
        worst = max(worst, Appointment.objects.filter(slot=slot).count())
        print(f"control run {attempt + 1}: {worst} appointments in a slot of {CAPACITY}")
        if worst > CAPACITY:
            break
    assert worst > CAPACITY, "the unguarded booking did not race: the control proves nothing"


def _again(attempt: int):
    desk = make_desk(race_site(f"RACE{attempt}"), code=f"RACE{attempt}-OMPIC")
    slot = make_slot(desk, day_offset=2, capacity=CAPACITY)
    startups = [StartupFactory() for _ in range(RACERS)]
    users = [make_member(s, founder=True) for s in startups]
    return desk, slot, startups, users
