"""The answer link: works without logging in, expires, and is good for one answer only."""

from __future__ import annotations

import datetime as dt
import time
from unittest import mock

import pytest

from technopark.startups.models import FollowUp
from technopark.surveys.links import LINK_MAX_AGE
from technopark.surveys.models import SatisfactionAnswer
from technopark.surveys.services import campaign_open, request_token

TODAY = dt.date.today()


@pytest.fixture
def satisfaction_link(cast):
    campaign = campaign_open(
        title="Satisfaction annuelle",
        kind="satisfaction",
        period=str(TODAY.year),
        as_of=TODAY,
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=30),
        sites=[cast.site],
        anonymous=True,
        by=cast.admin,
    )
    request = campaign.requests.get(startup=cast.own)
    return f"/surveys/r/{request_token(request)}/"


def test_the_link_records_one_answer_only(cast, satisfaction_link):
    client = cast.client(None)
    assert client.get(satisfaction_link).status_code == 200
    assert (
        client.post(satisfaction_link, {"score": "5", "comment": "Très bon accueil"}).status_code
        == 200
    )
    again = client.post(satisfaction_link, {"score": "1", "comment": "Encore"})
    assert again.status_code == 410
    answer = SatisfactionAnswer.objects.get()
    assert (answer.score, answer.anonymous, answer.respondent) == (5, True, None)


def test_an_expired_link_is_refused(cast, satisfaction_link):
    later = time.time() + LINK_MAX_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = cast.client(None).post(satisfaction_link, {"score": "4"})
    assert response.status_code == 410
    assert (
        "This link has expired. Ask the technopark team for a new one." in response.content.decode()
    )
    assert not SatisfactionAnswer.objects.exists()


def test_a_tampered_link_is_refused(cast, satisfaction_link):
    tampered = satisfaction_link[:-3] + ("A" if satisfaction_link[-3] != "A" else "B") + "/"
    assert cast.client(None).get(tampered).status_code == 404


def test_the_follow_up_link_needs_jobs_unless_closed(cast):
    from technopark.house.testing import EnrollmentFactory, StartupFactory

    alum = StartupFactory(ref="ALUM-9", public=False)
    EnrollmentFactory(
        startup=alum,
        site=cast.site,
        started_on=dt.date(2018, 1, 1),
        ended_on=dt.date(2021, 1, 1),
        outcome="graduated",
    )
    campaign = campaign_open(
        title="Suivi",
        kind="followup",
        period=str(TODAY.year),
        as_of=TODAY,
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=30),
        by=cast.admin,
    )
    link = f"/surveys/r/{request_token(campaign.requests.get(startup=alum))}/"
    client = cast.client(None)
    missing = client.post(link, {"status": "active"})
    assert missing.status_code == 200 and not FollowUp.objects.exists()
    assert client.post(link, {"status": "closed"}).status_code == 200
    assert FollowUp.objects.get(startup=alum).status == "closed"
    assert client.get(link).status_code == 410


def test_a_declaration_link_cannot_be_replayed(cast):
    from technopark.surveys.models import Declaration

    campaign = campaign_open(
        title="Déclaration",
        kind="declaration",
        period="S1",
        as_of=TODAY,
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=30),
        sites=[cast.site],
        by=cast.admin,
    )
    link = f"/surveys/r/{request_token(campaign.requests.get(startup=cast.own))}/"
    form = {"as_of": TODAY.isoformat(), "direct_jobs": "9", "indirect_jobs": "1"}
    client = cast.client(None)
    assert client.post(link, form).status_code == 200
    replay = client.post(link, {**form, "direct_jobs": "900"})
    assert replay.status_code == 410
    assert Declaration.objects.get(startup=cast.own).direct_jobs == 9
