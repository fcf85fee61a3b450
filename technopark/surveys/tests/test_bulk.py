"""Reminding those who have not answered a campaign, many at once (surveys/bulk.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.core import clock
from technopark.core.models import Action, BulkRun
from technopark.house.testing import StartupFactory, make_member
from technopark.notifications.models import Notification
from technopark.surveys.models import Campaign, CampaignRequest


def test_remind_three_one_answered(cast):
    today = clock.today()
    campaign = Campaign.objects.create(
        title="Déclaration S2",
        kind="declaration",
        period="2026-S2",
        as_of=today,
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=20),
        created_by=cast.site_manager,
    )
    campaign.sites.add(cast.site)
    startups = [cast.own, StartupFactory(ref="S-2", name="Atlas Data"), StartupFactory(ref="S-3", name="Souss Agri")]  # fmt: skip
    for s in startups[1:]:
        make_member(s, founder=True)
    asks = [
        CampaignRequest.objects.create(
            campaign=campaign, startup=s, site=cast.site, sent_on=today - dt.timedelta(days=9)
        )
        for s in startups
    ]
    CampaignRequest.objects.filter(pk=asks[2].pk).update(answered_at=timezone.now())
    client = cast.client("admin")
    data = {"action": "remind", "ids": [a.pk for a in asks], "confirm": "1", "key": "c"}
    assert client.post(f"/bulk/surveys.requests/{campaign.pk}/", data).status_code == 302
    run = BulkRun.objects.get(key="c")
    assert sorted(d["id"] for d in run.done) == [asks[0].pk, asks[1].pk]
    assert run.refused[0]["id"] == asks[2].pk and "already answered" in run.refused[0]["reason"]
    assert Action.objects.filter(name="campaign_request.reminded").count() == 2
    assert Notification.objects.filter(user=cast.owner, kind__startswith="surveys.").exists()
    page = client.get(f"/surveys/campaigns/{campaign.pk}/").content.decode()
    assert "data-bulk-row" in page
