"""What a person outside a startup's members and its sites' staff sees of it, in this app
and in the showcase: only the fields it chose to show (issue 29, item 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client

from technopark.house.testing import EnrollmentFactory, ProgramFactory, SiteFactory, StartupFactory
from technopark.network.models import Region
from technopark.startups.models import Headcount

# Every field filled, each value found nowhere else on the pages.
SECRETS = {
    "sector": "Hydroponie quantique",
    "city": "Zetaville",
    "description": "Capteurs souterrains pour oasis secrètes",
    "website": "https://zeta-hidden.example.ma",
    "email": "contact@zeta-hidden.example.ma",
    "address": "12 rue des Secrets",
}
SITE = "Technopark Zeta Caché"
PROGRAM = "Programme Zeta Caché"


@pytest.fixture
def hidden(cast):
    """A listed startup with every field filled that made no choice (no showcase profile)."""
    cache.clear()
    region = Region.objects.first()
    startup = StartupFactory(
        ref="ZETA-1",
        name="Zeta Hidden",
        public=True,
        founded_on=dt.date(2019, 3, 1),
        region=region,
        **SECRETS,
    )
    EnrollmentFactory(
        startup=startup,
        site=SiteFactory(code="ZTA", name=SITE),
        program=ProgramFactory(code="ZPR", name=PROGRAM),
        started_on=dt.date(2022, 1, 1),
    )
    Headcount.objects.create(startup=startup, as_of=dt.date(2024, 1, 1), direct_jobs=37)
    return cast


PUBLIC_PAGES = [
    "/startups/",
    "/startups/?q=Zeta",
    "/startups/ZETA-1/",
    "/open/startups/",
    "/open/startups/?q=Zeta",
    "/open/startups/ZETA-1/",
    "/open/startups/widget/",
    "/open/startups/feed.json",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("who", ["anonymous", "other_member", "expert"])
def test_outsiders_see_no_field_a_startup_did_not_choose_to_show(hidden, client, path, who):
    visitor = client if who == "anonymous" else hidden.client(who)
    response = visitor.get(path, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zeta Hidden" in page  # it is listed: its name shows, nothing else
    for value in [*SECRETS.values(), SITE, PROGRAM]:
        assert value not in page, f"{path} shows {value!r} to {who}"


def test_the_public_directory_is_the_showcase_with_the_same_search(hidden, client):
    response = client.get("/startups/?q=Zeta&status=alumni&x=1")
    assert response.status_code == 302
    assert response["Location"] == "/open/startups/?q=Zeta"
    response = client.get("/startups/ZETA-1/")
    assert response.status_code == 302
    assert response["Location"] == "/open/startups/ZETA-1/"


@pytest.mark.parametrize("who", ["site_manager", "officer", "admin"])
def test_staff_keep_their_working_directory(hidden, who):
    response = hidden.client(who).get("/startups/?sector=Hydroponie quantique")
    assert response.status_code == 200
    assert {s.name for s in response.context["page_obj"]} == {"Zeta Hidden"}
    assert "Hydroponie quantique" in response.content.decode()


def test_members_and_the_sites_staff_still_see_their_startups_whole_page(cast):
    for who in ("owner", "site_manager", "admin"):
        response = cast.client(who).get(f"/startups/{cast.own.ref}/")
        assert response.status_code == 200
        assert response.context["private"] is True


@pytest.mark.parametrize("who", ["anonymous", "other_member", "expert"])
def test_the_api_tells_an_outsider_a_listed_startups_name_only(hidden, who):
    """The API follows the pages: outside the staff and the startup's members, a listed
    startup is its name and reference; a filter on what they cannot read finds nothing."""
    client = hidden.client(who) if who != "anonymous" else Client()
    one = client.get("/api/v1/startups/ZETA-1")
    assert one.status_code == 200
    body = one.json()
    assert (body["id"], body["name"]) == ("ZETA-1", "Zeta Hidden")
    assert (body["sector"], body["city"], body["website"], body["legal_form"]) == ("",) * 4
    assert body["founded_on"] is None and body["region"] is None
    listed = client.get("/api/v1/startups", {"q": "Zeta"}).json()["items"]
    assert [s["id"] for s in listed] == ["ZETA-1"] and listed[0]["sector"] == ""
    found = client.get("/api/v1/startups", {"sector": SECRETS["sector"]}).json()
    assert found["count"] == 0


def test_the_api_gives_staff_and_members_the_whole_record(hidden):
    from technopark.startups.models import Membership, Startup

    staff = hidden.client("admin").get("/api/v1/startups/ZETA-1").json()
    assert staff["sector"] == SECRETS["sector"] and staff["website"] == SECRETS["website"]
    Membership.objects.create(user=hidden.other_member, startup=Startup.objects.get(ref="ZETA-1"))
    from technopark.accounts.access import access_changed

    access_changed(hidden.other_member.pk)
    mine = hidden.client("other_member").get("/api/v1/startups/ZETA-1").json()
    assert mine["sector"] == SECRETS["sector"] and mine["city"] == SECRETS["city"]
