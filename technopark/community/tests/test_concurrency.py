"""30 people register at once for an event of capacity 10: exactly 10 confirmed, 20 on
the waiting list. Each thread has its own database connection. The control run turns the
guard off (`CAPACITY_GUARD = False`: count the confirmed, then write, the read outside the
write transaction) and shows the event overfills, so the test is known to bite.
"""

from __future__ import annotations

import pytest
from django.test import Client

from technopark.community import services
from technopark.community.models import Event, Registration
from technopark.community.tests.factories import make_event
from technopark.desk.tests.test_concurrency import race, race_site
from technopark.house.testing import UserFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

PEOPLE = 30
CAPACITY = 10


def test_thirty_registrations_for_ten_seats():
    event = make_event(race_site("RACE"), capacity=CAPACITY, audience="network")
    clients = []
    for _ in range(PEOPLE):
        client = Client()
        client.force_login(UserFactory())
        clients.append(client)

    def register(i: int):
        response = clients[i].post(f"/api/v1/events/{event.pk}/registrations")
        return response.status_code, response.json()

    results = race(PEOPLE, register)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert {status for status, _ in results} == {201}
    answers = [body["status"] for _, body in results]
    assert answers.count("confirmed") == CAPACITY
    assert answers.count("waitlisted") == PEOPLE - CAPACITY
    assert event.registrations.filter(status="confirmed").count() == CAPACITY
    assert Event.objects.get(pk=event.pk).confirmed == CAPACITY


def test_control_run_without_the_guard_overfills(monkeypatch):
    monkeypatch.setattr(services, "CAPACITY_GUARD", False)
    monkeypatch.setattr(services, "RACE_PAUSE", 0.05)
    worst = 0
    for attempt in range(3):
        event = make_event(race_site(f"RACE{attempt}"), capacity=CAPACITY)
        users = [UserFactory() for _ in range(PEOPLE)]

        def register(i: int, event=event, users=users):
            return services.registration_create(event=event, user=users[i])

        race(PEOPLE, register)
        worst = max(
            worst,
            Registration.objects.filter(event=event, status="confirmed").count(),
        )
        print(f"control run {attempt + 1}: {worst} confirmed for {CAPACITY} seats")
        if worst > CAPACITY:
            break
    assert worst > CAPACITY, "the unguarded registration did not race: the control proves nothing"
