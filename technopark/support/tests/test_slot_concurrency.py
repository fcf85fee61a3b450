"""Six startups book the same occurrence of an expert's slot at once: exactly one gets it,
the others are refused (409) and leave nothing behind, neither session nor request.

Each thread has its own connection. The unique key on (expert, start) of live sessions is
what refuses the second booking, whatever the timing; SQLite's IMMEDIATE transactions
serialise writers, PostgreSQL's unique index blocks the second insert until the first
commits. Runs on SQLite by default and on PostgreSQL when DATABASE_URL points there.
"""

from __future__ import annotations

import datetime as dt

import pytest

from technopark.accounts.models import User
from technopark.core.errors import DomainError
from technopark.house.testing import (
    EnrollmentFactory,
    SiteFactory,
    StartupFactory,
    UserFactory,
    make_member,
    make_role,
)
from technopark.network.models import Region
from technopark.support import services
from technopark.support.models import ExpertSession, ServiceRequest
from technopark.support.tests.slot_fixtures import first_start, publish_slot
from technopark.support.tests.test_budget_concurrency import race

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

RACERS = 6


def test_one_occurrence_of_a_slot_is_never_booked_twice():
    from technopark.support.services_slots import slot_session_book

    Region.objects.get_or_create(
        code="MA-06",
        defaults={
            "name_fr": "Casablanca-Settat",
            "name_ar": "الدار البيضاء سطات",
            "name_en": "Casablanca-Settat",
        },
    )
    site = SiteFactory(code="SLOT")
    startups, founders = [], []
    for i in range(RACERS):
        startup = StartupFactory(ref=f"SLOT-{i}", name=f"Slot Startup {i}")
        EnrollmentFactory(startup=startup, site=site, started_on=dt.date(2024, 1, 1))
        startups.append(startup)
        founders.append(make_member(startup, founder=True))
    user = make_role(UserFactory(email="slot-expert@example.ma"), "expert")
    expert = services.expert_upsert(
        email=user.email, full_name="Nadia Expert", skills="pricing", by=None
    )
    slot = publish_slot(expert)
    start = first_start(slot)

    def book(i: int):
        return slot_session_book(
            slot=slot,
            starts_at=start,
            startup=startups[i],
            topic="Pricing",
            by=User.objects.get(pk=founders[i].pk),
        )

    results = race(RACERS, book)
    booked = [r for r in results if isinstance(r, ExpertSession)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(booked) == 1, results
    assert len(refused) == RACERS - 1, results
    assert {r.status for r in refused} == {409}
    assert ExpertSession.objects.filter(expert=expert).count() == 1
    assert ServiceRequest.objects.count() == 1
