"""A campaign end to end: open, e-mails, answers by link, form and API, the bilan moves,
reminders on days 7 and 14 (once each), then the program officer is told."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core import mail

from technopark.house.testing import EnrollmentFactory, StartupFactory, make_member
from technopark.impact.engine import compute_bilan
from technopark.startups.models import Export, FollowUp, Headcount
from technopark.surveys.models import CampaignRequest
from technopark.surveys.services import campaign_daily, campaign_open
from technopark.surveys.services.campaigns import response_rates

TODAY = dt.date.today()
LINK = re.compile(r"http://[^\s]+/surveys/r/([^/\s]+)/")


def _link_in(message) -> str:
    return "/surveys/r/" + LINK.search(message.body).group(1) + "/"


@pytest.fixture
def network(cast):
    second = StartupFactory(ref="SEC-1", name="Second Startup", public=False)
    third = StartupFactory(ref="THI-1", name="Third Startup", public=False)
    alum = StartupFactory(ref="ALUM-1", name="Alum Startup", public=False)
    for s in (second, third):
        EnrollmentFactory(startup=s, site=cast.site, started_on=dt.date(2022, 3, 1))
    EnrollmentFactory(
        startup=alum,
        site=cast.site,
        started_on=dt.date(2019, 1, 1),
        ended_on=dt.date(2022, 1, 1),
        outcome="graduated",
    )
    cast.second_member = make_member(second, founder=True, email="second@example.ma")
    cast.third_member = make_member(third, founder=True, email="third@example.ma")
    cast.alum_member = make_member(alum, founder=True, email="alum@example.ma")
    cast.second, cast.third, cast.alum = second, third, alum
    return cast


def _open(cast, kind, title):
    return campaign_open(
        title=title,
        kind=kind,
        period=f"{TODAY.year}-S2",
        as_of=TODAY,
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=40),
        sites=[cast.site],
        by=cast.site_manager,
    )


def test_a_campaign_runs_end_to_end_and_the_bilan_moves(
    network, django_capture_on_commit_callbacks
):
    cast = network
    before = compute_bilan(as_of=TODAY, site="SA")["kpis"]
    assert before["jobs_direct"] == 0
    assert before["post_exit_survived"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        declaration = _open(cast, "declaration", "Déclaration semestrielle")
        followup = _open(cast, "followup", "Suivi des anciens")
    asked = {r.startup.ref for r in declaration.requests.select_related("startup")}
    assert asked == {"OWN-1", "SEC-1", "THI-1"}
    assert {r.startup.ref for r in followup.requests.select_related("startup")} == {"ALUM-1"}
    by_address = {tuple(sorted(m.to)): m for m in mail.outbox}
    assert set(by_address) == {  # one message per member, each in their language
        ("colleague@example.ma",),
        ("owner@example.ma",),
        ("second@example.ma",),
        ("third@example.ma",),
        ("alum@example.ma",),
    }

    # 1. The founder answers from the e-mail's link, without logging in.
    link = _link_in(by_address[("owner@example.ma",)])
    anonymous = cast.client(None)
    page = anonymous.get(link)
    assert page.status_code == 200 and "Direct jobs" in page.content.decode()
    answered = anonymous.post(
        link,
        {
            "as_of": TODAY.isoformat(),
            "direct_jobs": "12",
            "indirect_jobs": "3",
            "revenue_mad": "1 250 000",
            "export_country": ["FR", "SN"],
            "export_amount": ["300000", "120000,50"],
        },
    )
    assert answered.status_code == 200 and "Thank you" in answered.content.decode()
    assert Headcount.objects.get(startup=cast.own, as_of=TODAY).direct_jobs == 12
    assert set(Export.objects.filter(startup=cast.own).values_list("country", flat=True)) == {
        "FR",
        "SN",
    }
    assert anonymous.get(link).status_code == 410  # single use

    # 2. The second startup answers through the API.
    api = cast.client(None)
    api.force_login(cast.second_member)
    response = api.post(
        "/api/v1/startups/SEC-1/declarations",
        data=json.dumps({"as_of": TODAY.isoformat(), "direct_jobs": 5, "indirect_jobs": 1}),
        content_type="application/json",
    )
    assert response.status_code == 201

    # 3. The alumnus says it is still in business, with 4 people.
    alum_link = _link_in(by_address[("alum@example.ma",)])
    done = anonymous.post(alum_link, {"status": "active", "direct_jobs": "4", "indirect_jobs": "0"})
    assert done.status_code == 200
    assert FollowUp.objects.get(startup=cast.alum).status == "active"

    after = compute_bilan(as_of=TODAY, site="SA")["kpis"]
    assert after["jobs_direct"] == 12 + 5 + 4
    assert after["jobs_indirect"] == 3 + 1
    assert after["exporters"] == 1
    assert after["post_exit_survived"] == 1 and after["post_exit_survival_rate"] == 1.0

    # 4. Reminders: day 7 and day 14 once each, to the one who did not answer.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        campaign_daily(TODAY + dt.timedelta(days=6))
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        campaign_daily(TODAY + dt.timedelta(days=7))
        campaign_daily(TODAY + dt.timedelta(days=8))
    assert [m.to for m in mail.outbox] == [["third@example.ma"]]
    assert mail.outbox[0].subject.startswith("Reminder")
    with django_capture_on_commit_callbacks(execute=True):
        campaign_daily(TODAY + dt.timedelta(days=14))
        campaign_daily(TODAY + dt.timedelta(days=15))
    assert [m.to for m in mail.outbox] == [["third@example.ma"], ["third@example.ma"]]

    # 5. Day 21: the program officer of the site hears who is missing, once.
    with django_capture_on_commit_callbacks(execute=True):
        campaign_daily(TODAY + dt.timedelta(days=21))
        campaign_daily(TODAY + dt.timedelta(days=22))
    assert [m.to for m in mail.outbox][2:] == [["officer@example.ma"]]
    assert "Third Startup" in mail.outbox[2].body
    request = CampaignRequest.objects.get(campaign=declaration, startup=cast.third)
    assert request.reminded_7_on == TODAY + dt.timedelta(days=7)
    assert request.reminded_14_on == TODAY + dt.timedelta(days=14)
    assert request.officer_told_on == TODAY + dt.timedelta(days=21)

    # 6. The response rate per site and program, on the staff page too.
    rates = response_rates(declaration.requests.all())
    assert (rates["total"][0].asked, rates["total"][0].answered) == (3, 2)
    page = cast.client("officer").get(f"/surveys/campaigns/{declaration.pk}/")
    assert page.status_code == 200
    assert "67 %" in page.content.decode()


def test_a_campaign_opening_later_sends_on_its_opening_day(
    network, django_capture_on_commit_callbacks
):
    cast = network
    with django_capture_on_commit_callbacks(execute=True):
        campaign = campaign_open(
            title="Satisfaction 2026",
            kind="satisfaction",
            period=str(TODAY.year),
            as_of=TODAY,
            opens_on=TODAY + dt.timedelta(days=3),
            closes_on=TODAY + dt.timedelta(days=30),
            sites=[cast.site],
            anonymous=True,
            by=cast.admin,
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        campaign_daily(TODAY + dt.timedelta(days=3))
    assert campaign.requests.count() == 3
    assert len(mail.outbox) == 4  # own (owner, colleague), second, third


def test_site_staff_cannot_target_another_site(cast):
    from technopark.core.errors import DomainError

    with pytest.raises(DomainError) as error:
        campaign_open(
            title="x",
            kind="declaration",
            period="2026-S2",
            as_of=TODAY,
            opens_on=TODAY,
            closes_on=TODAY + dt.timedelta(days=10),
            sites=[cast.other_site],
            by=cast.site_manager,
        )
    assert error.value.code == "out_of_scope"


def test_staff_open_a_campaign_from_the_form(cast, django_capture_on_commit_callbacks):
    client = cast.client("site_manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/surveys/campaigns/new/",
            {
                "title": "Déclaration S2",
                "kind": "declaration",
                "period": "2026-S2",
                "as_of": TODAY.isoformat(),
                "opens_on": TODAY.isoformat(),
                "closes_on": (TODAY + dt.timedelta(days=20)).isoformat(),
                "sites": [cast.site.pk],
            },
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["colleague@example.ma", "owner@example.ma"]
    bad = client.post(
        "/surveys/campaigns/new/",
        {
            "title": "Bad",
            "kind": "declaration",
            "period": "2026-S2",
            "as_of": TODAY.isoformat(),
            "opens_on": TODAY.isoformat(),
            "closes_on": TODAY.isoformat(),
            "sites": [cast.site.pk],
        },
    )
    assert bad.status_code == 200 and "must close after it opens" in bad.content.decode()


def test_the_daily_job_opens_the_yearly_follow_up_and_survey_once(
    network, django_capture_on_commit_callbacks
):
    from technopark.surveys.daily import daily
    from technopark.surveys.models import Campaign

    january = dt.date(TODAY.year, 1, 14)
    assert daily(january).startswith("0 yearly campaigns")
    with django_capture_on_commit_callbacks(execute=True):
        first = daily(dt.date(TODAY.year, 1, 15))
        daily(dt.date(TODAY.year, 1, 16))
    assert first.startswith("2 yearly campaigns")
    followup = Campaign.objects.get(kind="followup")
    survey = Campaign.objects.get(kind="satisfaction")
    assert {r.startup.ref for r in followup.requests.all()} == {"ALUM-1"}
    assert survey.anonymous and survey.requests.count() == 4  # own, second, third, other
    assert {tuple(m.to) for m in mail.outbox} >= {("alum@example.ma",), ("third@example.ma",)}
