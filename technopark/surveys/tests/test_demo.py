"""The demo's open declaration asks three extra figures: some startups answered them, the
demo founder still has it to answer, on their home, in their workspace and in their bell."""

from __future__ import annotations

from django.test import Client

from technopark.accounts.models import User
from technopark.surveys.models import Campaign, MetricAnswer
from technopark.surveys.selectors import pending_requests


def test_the_demo_declaration_asks_extra_figures_and_the_founder_has_it_to_answer(demo_network, db):
    campaign = Campaign.objects.get(kind="declaration")
    labels = list(campaign.metrics.values_list("label", flat=True))
    assert labels == [
        "Nombre de clients actifs",
        "Part du chiffre d'affaires à l'export",
        "Levée de fonds en cours",
    ]
    answered = campaign.requests.filter(answered_at__isnull=False)
    assert answered.exists()
    assert MetricAnswer.objects.filter(request__in=answered).count() >= 2 * answered.count()

    founder = User.objects.get(email="founder@demo.technopark.ma")
    startup = demo_network.founder_startup
    request = campaign.requests.get(startup=startup)
    assert request.answered_at is None
    assert founder.notifications.get(kind__startswith="surveys.").url == (
        f"/surveys/requests/{request.pk}/"
    )
    client = Client()
    client.force_login(founder)
    client.cookies["technopark_language"] = "fr"
    workspace = client.get(f"/startups/{startup.ref}/workspace/").content.decode()
    assert "Le réseau vous demande" in workspace and campaign.title in workspace
    form = client.get(f"/surveys/startups/{startup.ref}/declare/").content.decode()
    assert "Nombre de clients actifs" in form
    home = client.get("/").content.decode()
    [line] = [li for li in home.split('<li class="tp-task">') if "Ce que le réseau" in li]
    pending = pending_requests([startup.pk], today=demo_network.today).count()
    assert f"{pending} à voir" in line
    if pending == 1:
        assert f'href="/surveys/requests/{request.pk}/"' in line
    else:
        assert f'href="/startups/{startup.ref}/workspace/"' in line

    staff = Client()
    staff.force_login(User.objects.get(email=demo_network.ctx.users["site_manager"].email))
    page = staff.get(f"/surveys/campaigns/{campaign.pk}/?answered=yes").content.decode()
    assert "Levée de fonds en cours" in page or "Fundraising under way" in page
