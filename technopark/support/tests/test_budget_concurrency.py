"""Eight bookings at once of a startup with 6 expert hours left, 2 hours each: exactly 3
pass, the others are refused with the budget error and write nothing.

Each thread has its own database connection. The startup's enrollment row is locked
(`select_for_update`) for the check and the insert on PostgreSQL; SQLite's IMMEDIATE
transactions serialise writers. Runs on SQLite by default and on PostgreSQL when
DATABASE_URL points there.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from technopark.accounts.models import User
from technopark.core.errors import DomainError
from technopark.house.testing import (
    EnrollmentFactory,
    ProgramFactory,
    SiteFactory,
    StartupFactory,
    make_member,
)
from technopark.network.models import Region
from technopark.support import services
from technopark.support.models import ExpertHoursBudget, ExpertSession

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

RACERS = 8


def race(count: int, work) -> list:
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


def test_concurrent_bookings_never_spend_more_than_the_periods_hours():
    Region.objects.get_or_create(
        code="MA-06",
        defaults={
            "name_fr": "Casablanca-Settat",
            "name_ar": "الدار البيضاء سطات",
            "name_en": "Casablanca-Settat",
        },
    )
    site = SiteFactory(code="RACE")
    startup = StartupFactory(ref="RACE-1", name="Race Startup")
    program = ProgramFactory(code="RACE-INC")
    EnrollmentFactory(startup=startup, site=site, program=program, started_on=dt.date(2024, 1, 1))
    ExpertHoursBudget.objects.create(program=program, hours=Decimal("6"))
    founder = make_member(startup, founder=True)
    experts = [
        services.expert_upsert(
            email=f"expert{i}@example.ma", full_name=f"Expert {i}", skills="pricing", by=None
        )
        for i in range(RACERS)
    ]
    request = services.request_create(
        startup=startup, family="network", title="Pricing", text="Pricing SaaS", by=founder
    )
    start = (timezone.localtime() + dt.timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )

    def book(i: int):
        return services.session_book(
            request=request,
            expert=experts[i],
            starts_at=start,
            hours=Decimal("2"),
            by=User.objects.get(pk=founder.pk),
        )

    results = race(RACERS, book)
    booked = [r for r in results if isinstance(r, ExpertSession)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(booked) == 3, results
    assert len(refused) == RACERS - 3, results
    assert {r.code for r in refused} == {"budget"}
    assert ExpertSession.objects.filter(request=request).count() == 3
