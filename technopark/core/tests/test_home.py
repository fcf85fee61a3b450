"""Each person's home says what needs them today; visitors keep the public home."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from technopark.community.models import Event
from technopark.hosting.models import Lease
from technopark.house.testing import (
    LeaseFactory,
    OperatorFactory,
    ProgramFactory,
    SiteFactory,
    SpaceFactory,
    StartupFactory,
)
from technopark.programs.models import Call
from technopark.publishing.models import ShowcaseProfile


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 60, 120)).save(out, "PNG")
    return out.getvalue()


def test_visitors_get_the_public_home(client, db):
    body = client.get("/").content.decode()
    assert "The network today" in body
    assert "What needs you today" not in body


def test_a_site_manager_sees_the_contracts_to_sign(cast):
    LeaseFactory(
        startup=cast.other,
        space=SpaceFactory(site=cast.site, code="A-202"),
        starts_on=dt.date(2026, 1, 1),
        status=Lease.Status.DRAFT,
    )
    body = cast.client("site_manager").get("/").content.decode()
    assert "What needs you today" in body
    assert 'href="/hosting/SA/contracts/?status=draft"' in body
    line = body.split("Contracts to sign")[1].split("</li>")[0]
    assert "1 to see" in line


def test_a_founder_sees_their_own_agenda_not_the_staff_work(cast):
    body = cast.client("owner").get("/").content.decode()
    assert "Your coming room bookings" in body
    assert "Contracts to sign" not in body
    assert "Personal data requests waiting" not in body


def test_the_network_admin_sees_waiting_privacy_requests(cast):
    body = cast.client("admin").get("/").content.decode()
    assert "Personal data requests waiting" in body


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx)


@pytest.mark.parametrize("who", ["admin", "site_manager", "officer", "owner", "expert"])
def test_the_home_costs_the_same_whatever_the_data(cast, who):
    client = cast.client(who)
    client.get("/")
    before = _queries(client)
    for n in range(5):
        startup = StartupFactory(ref=f"MORE-{n}", name=f"More {n}")
        LeaseFactory(
            startup=startup,
            space=SpaceFactory(site=cast.site, code=f"M-{n}"),
            starts_on=dt.date(2026, 1, 1),
            status=Lease.Status.DRAFT,
        )
    assert _queries(client) == before


def _event(site, title: str, audience: str) -> Event:
    start = timezone.now() + dt.timedelta(days=3)
    return Event.objects.create(
        site=site,
        title=title,
        kind=Event.Kind.WORKSHOP,
        audience=audience,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=30,
    )


def test_the_public_home_shows_the_network_to_a_french_visitor(cast):
    cast.site.latitude, cast.site.longitude = 33.57, -7.59  # Casablanca
    cast.site.save()
    SiteFactory(code="SN", name="Site Neuf", opened_on=None, latitude=35.76, longitude=-5.81)
    today = timezone.localdate()
    Call.objects.create(
        program=ProgramFactory(code="OPEN"),
        site=cast.site,
        title="Appel ouvert",
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=5),
        published_at=timezone.now(),
    )
    Call.objects.create(
        program=ProgramFactory(code="PAST"),
        site=cast.site,
        title="Appel clos",
        opens_on=today - dt.timedelta(days=50),
        closes_on=today - dt.timedelta(days=20),
        published_at=timezone.now(),
    )
    _event(cast.site, "Atelier public", Event.Audience.PUBLIC)
    _event(cast.site, "Atelier des residents", Event.Audience.RESIDENTS)
    listed = StartupFactory(name="Listee", public=True)
    story = ShowcaseProfile(startup=listed, tagline="Paiement mobile", show_tagline=True)
    story.show_logo = True
    story.logo.save("logo.png", ContentFile(_png()), save=False)
    story.save()
    quiet = StartupFactory(name="Sans ligne", public=True)  # did not choose to show its line
    ShowcaseProfile.objects.create(startup=quiet, tagline="Ligne gardee")
    hidden = StartupFactory(name="Discrete", public=False)
    ShowcaseProfile.objects.create(startup=hidden, tagline="Ne pas montrer", show_tagline=True)
    OperatorFactory(name="Incubateur Partenaire", kind="university", is_network_operator=False)

    response = Client(headers={"accept-language": "fr"}).get("/")

    body = response.content.decode()
    assert response["Content-Language"] == "fr"
    # The map: the real regions and one dot per open or planned site, at a dotted coordinate.
    assert body.count("<path d=") == 12
    open_dot = '<circle class="tp-map-site tp-map-open" cx="'
    assert body.count(open_dot) == 1 and body.count('tp-map-site tp-map-planned" cx') == 1
    assert body.split(open_dot)[1].split('"')[0].count(".") == 1
    assert 'href="/sites/SN/"' in body
    # The figures, each with its key, and the date they are computed on.
    assert [fig["key"] for fig in response.context["figures"]] == list(
        (
            "startups_supported",
            "residents",
            "jobs_created",
            "sites_operational",
            "sites_in_progress",
        )
    )
    assert today.strftime("%d/%m/%Y") in body
    # What is open and coming, for the public only; the stories of those who opted in.
    assert "Appel ouvert" in body and "Appel clos" not in body
    assert "Atelier public" in body and "Atelier des residents" not in body
    assert "Paiement mobile" in body and "Ne pas montrer" not in body
    assert "Ligne gardee" not in body
    assert f'href="/open/startups/{listed.ref}/"' in body
    assert f'src="/open/startups/{listed.ref}/logo.png?v=' in body and 'alt="Listee"' in body
    assert 'href="/federation/partners/incubateur-partenaire/"' in body
