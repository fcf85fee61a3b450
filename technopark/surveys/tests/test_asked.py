"""What the network asks shows on the founder's home and in the startup's workspace, with its
deadline, until it is answered; the notification opens the answer."""

from __future__ import annotations

import datetime as dt

from django.utils import formats

from technopark.notifications.models import Notification
from technopark.surveys.models import Campaign, CampaignRequest
from technopark.surveys.services import MetricSpec, campaign_open

TODAY = dt.date.today()
ASKS = "What the network asks of you (declaration, survey)"


def _open(cast, kind="declaration", title="Déclaration S2", days=30, **extra):
    return campaign_open(
        title=title,
        kind=kind,
        period=f"{TODAY.year}-S2",
        as_of=TODAY,
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=days),
        sites=[cast.site],
        by=cast.admin,
        **extra,
    )


def _home_line(client) -> str:
    body = client.get("/").content.decode()
    [line] = [li for li in body.split('<li class="tp-task">') if ASKS in li]
    return line.split("</li>")[0]


def _workspace(client, cast) -> str:
    return client.get(f"/startups/{cast.own.ref}/workspace/").content.decode()


def test_a_declaration_shows_until_answered_then_goes(cast, django_capture_on_commit_callbacks):
    owner = cast.client("owner")
    assert "Nothing waiting" in _home_line(owner)
    assert "The network asks you" not in _workspace(owner, cast)

    with django_capture_on_commit_callbacks(execute=True):
        campaign = _open(
            cast, metrics=[MetricSpec("Nombre de clients actifs", "integer", required=True)]
        )
    request = campaign.requests.get(startup=cast.own)
    day = formats.date_format(campaign.closes_on, "SHORT_DATE_FORMAT")
    line = _home_line(owner)
    assert "1 to see" in line and f"to answer by {day}" in line
    assert f'href="/surveys/requests/{request.pk}/"' in line
    for who in ("owner", "colleague"):  # every member who may declare
        page = _workspace(cast.client(who), cast)
        assert "The network asks you" in page and "Déclaration S2" in page
        assert f"to answer by {day}" in page
    assert Notification.objects.filter(user=cast.owner, read_at__isnull=True).count() == 1

    # The notification's page opens the declaration form, which asks the extra figure.
    opened = owner.get(f"/surveys/requests/{request.pk}/")
    assert opened.status_code == 302 and opened["Location"] == "/surveys/startups/OWN-1/declare/"
    metric = campaign.metrics.get()
    done = owner.post(
        opened["Location"],
        {
            "as_of": TODAY.isoformat(),
            "direct_jobs": "4",
            "indirect_jobs": "0",
            f"metric_{metric.pk}": "12",
        },
    )
    assert done.status_code == 302

    assert "Nothing waiting" in _home_line(owner)
    assert "The network asks you" not in _workspace(owner, cast)
    assert "The network asks you" not in _workspace(cast.client("colleague"), cast)
    assert not Notification.objects.filter(read_at__isnull=True, kind__startswith="surveys.")
    again = owner.get(f"/surveys/requests/{request.pk}/", follow=True)
    assert "This was answered already. Thank you." in again.content.decode()


def test_a_survey_shows_and_opens_the_answer_link_until_answered(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _open(cast, kind="satisfaction", title="Satisfaction 2026", days=10, anonymous=True)
        _open(cast, title="Déclaration S2", days=30)
    owner = cast.client("owner")
    line = _home_line(owner)
    soon = formats.date_format(TODAY + dt.timedelta(days=10), "SHORT_DATE_FORMAT")
    assert "2 to see" in line and f"to answer by {soon}" in line  # the nearest deadline
    assert 'href="/startups/OWN-1/workspace/"' in line
    survey = CampaignRequest.objects.get(campaign__kind="satisfaction", startup=cast.own)
    page = _workspace(owner, cast)
    assert "Satisfaction 2026" in page and "Déclaration S2" in page
    opened = owner.get(f"/surveys/requests/{survey.pk}/")
    assert opened.status_code == 302 and opened["Location"].startswith("/surveys/r/")
    assert owner.post(opened["Location"], {"score": "5"}).status_code == 200
    line = _home_line(owner)
    assert "1 to see" in line and "Satisfaction 2026" not in _workspace(owner, cast)
    notices = Notification.objects.filter(user=cast.owner, kind="surveys.survey_requested")
    assert notices.get().read_at is not None


def test_a_closed_campaign_no_longer_shows(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = _open(cast)
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_on=TODAY - dt.timedelta(days=40), closes_on=TODAY - dt.timedelta(days=1)
    )
    owner = cast.client("owner")
    assert "Nothing waiting" in _home_line(owner)
    assert "The network asks you" not in _workspace(owner, cast)
    request = campaign.requests.get(startup=cast.own)
    closed = owner.get(f"/surveys/requests/{request.pk}/", follow=True)
    assert "This campaign is closed: it no longer takes answers." in closed.content.decode()


def test_staff_and_other_startups_are_not_shown_the_notice(cast):
    request = _open(cast).requests.get(startup=cast.own)
    assert "The network asks you" not in _workspace(cast.client("admin"), cast)
    assert cast.client("other_member").get(f"/surveys/requests/{request.pk}/").status_code == 404
    assert cast.client("site_manager").get(f"/surveys/requests/{request.pk}/").status_code == 404
    line = _home_line(cast.client("other_member"))
    assert "Nothing waiting" in line
