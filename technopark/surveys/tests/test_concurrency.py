"""Two answers through the same link at the same moment: exactly one is recorded."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from technopark.core.errors import DomainError
from technopark.house.testing import EnrollmentFactory, SiteFactory, StartupFactory
from technopark.startups.models import FollowUp
from technopark.surveys.models import Campaign, CampaignRequest
from technopark.surveys.services import followup_submit


@pytest.mark.django_db(transaction=True)
def test_a_link_answered_twice_at_once_records_one_answer():
    site = SiteFactory(code="CC")
    alum = StartupFactory(ref="ALUM-C")
    EnrollmentFactory(
        startup=alum,
        site=site,
        started_on=dt.date(2018, 1, 1),
        ended_on=dt.date(2021, 1, 1),
        outcome="graduated",
    )
    today = dt.date.today()
    campaign = Campaign.objects.create(
        title="Suivi",
        kind="followup",
        period="2026",
        as_of=today,
        opens_on=today,
        closes_on=today + dt.timedelta(days=10),
    )
    request = CampaignRequest.objects.create(campaign=campaign, startup=alum, site=site)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def answer(status: str) -> None:
        start.wait()
        try:
            followup_submit(
                request=request,
                status=status,
                direct_jobs=3,
                observed_on=today - dt.timedelta(days=len(status)),
            )
            outcomes.append("recorded")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(s,)) for s in ("active", "acquired")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["link_used", "recorded"]
    assert FollowUp.objects.filter(startup=alum).count() == 1
