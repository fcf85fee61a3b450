"""Open data: public figures with their history, and nothing published about fewer than 5."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache

from technopark.house.testing import EnrollmentFactory, StartupFactory
from technopark.publishing.figures import MIN_GROUP, suppressed
from technopark.startups.models import Headcount

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_figure_about_fewer_than_five_startups_is_withheld():
    kpis = {
        "startups_supported": 4,
        "jobs_created": 31,
        "residents": 12,
        "occupancy_rate": 0.9,
        "incubation_graduated": 3,
        "incubation_discontinued": 1,
        "incubation_success_rate": 0.75,
        "sites_operational": 1,
    }
    out = suppressed(kpis)
    assert out["startups_supported"] == {"value": None, "suppressed": True}
    assert out["jobs_created"] == {"value": None, "suppressed": True}
    assert out["incubation_success_rate"] == {"value": None, "suppressed": True}
    assert out["residents"] == {"value": 12, "suppressed": False}
    assert out["occupancy_rate"] == {"value": 0.9, "suppressed": False}
    assert out["sites_operational"] == {"value": 1, "suppressed": False}  # not about startups


def test_the_public_feed_suppresses_small_groups_then_publishes(cast):
    client = cast.client(None)
    for i in range(2):  # 2 startups supported: every figure about them is withheld
        Headcount.objects.create(startup=[cast.own, cast.other][i], as_of=TODAY, direct_jobs=7)
    data = client.get("/open/figures.json").json()
    assert data["min_group"] == MIN_GROUP
    assert data["figures"]["startups_supported"] == {"value": None, "suppressed": True}
    assert data["figures"]["jobs_direct"] == {"value": None, "suppressed": True}
    assert data["history"][-1]["year"] == TODAY.year

    for _n in range(3):
        EnrollmentFactory(startup=StartupFactory(), site=cast.site, started_on=dt.date(2022, 1, 1))
    cache.clear()
    data = client.get("/open/figures.json").json()
    assert data["figures"]["startups_supported"] == {"value": 5, "suppressed": False}
    assert data["figures"]["jobs_direct"] == {"value": 14, "suppressed": False}
    assert client.get("/api/v1/open/figures").json()["figures"]["startups_supported"]["value"] == 5


def test_csv_and_page_for_anonymous_visitors(cast):
    client = cast.client(None)
    response = client.get("/open/figures.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    current = [r for r in rows if r["year"] == str(TODAY.year)]
    supported = next(r for r in current if r["key"] == "startups_supported")
    assert (supported["value"], supported["suppressed"]) == ("", "1")
    page = client.get("/open/")
    assert page.status_code == 200
    assert "/open/methodology/" in page.content.decode()
    methodology = client.get("/open/methodology/").content.decode()
    assert "startups_supported" in methodology


def test_an_unknown_site_is_a_404(cast):
    assert cast.client(None).get("/open/figures.json?site=NOPE").status_code == 404
    assert cast.client(None).get("/api/v1/open/figures?site=NOPE").status_code == 404
