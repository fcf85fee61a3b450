"""The regions page: demand and capacity by region, its map, and one region's offer."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from technopark.federation.selectors import choropleth, region_rows
from technopark.federation.tests.helpers import make_applications, make_call
from technopark.hosting.models import WaitingEntry
from technopark.house.testing import (
    EnrollmentFactory,
    LeaseFactory,
    SiteFactory,
    SpaceFactory,
    StartupFactory,
)

DAY = dt.date(2025, 6, 30)


def rows_by_code(day=DAY):
    return {row.region.code: row for row in region_rows(day)}


def build_region_data(cast):
    """Fès-Meknès: 2 startups supported, 1 resident at site A; Casablanca: site A's tenants."""
    fes_1 = StartupFactory(region_id="MA-03", sector="Agritech")
    fes_2 = StartupFactory(region_id="MA-03", sector="Agritech")
    EnrollmentFactory(startup=fes_1, site=cast.site, started_on=dt.date(2023, 1, 1))
    EnrollmentFactory(startup=fes_2, site=cast.site, started_on=dt.date(2024, 1, 1))
    EnrollmentFactory(startup=fes_2, site=cast.site, started_on=dt.date(2026, 1, 1))  # later
    LeaseFactory(startup=fes_1, space=SpaceFactory(site=cast.site, code="A-102", seats=2))
    casa = StartupFactory(region_id="MA-06")
    WaitingEntry.objects.create(
        site=cast.site, startup=casa, area_needed_m2=15, kind="office", requested_on=DAY
    )
    call = make_call(cast.site)
    make_applications(call, region="MA-03", status="admitted", count=2, year=2024, sector="Edtech")
    make_applications(call, region="MA-03", status="declined", count=3, year=2024, sector="Edtech")
    make_applications(call, region="MA-03", status="draft", count=4, year=2024)


def test_region_figures(cast):
    build_region_data(cast)
    rows = rows_by_code()
    assert len(rows) == 12
    fes = rows["MA-03"]
    assert (fes.supported, fes.residents) == (2, 1)
    assert (fes.applications_received, fes.applications_admitted) == (5, 2)
    assert fes.leasable_units == 0 and fes.gap == 1  # one resident from Fès, no site there
    casa = rows["MA-06"]
    # site A (Casablanca-Settat) has two leasable offices of 20 m² (4 + 2 seats)
    assert casa.leasable_area_m2 == Decimal("40.00")
    assert (casa.leasable_units, casa.seats) == (2, 6)
    assert casa.waiting == 1
    # the cast's startups have no region of origin: demand is the waiting startup only
    assert casa.demand == 1 and casa.gap == -1
    assert [s.code for s in casa.open_sites] == ["SA", "SB"]


def test_sites_being_built_bring_no_capacity(cast):
    site = SiteFactory(code="FES", opened_on=None, region_id="MA-03")
    SpaceFactory(site=site, code="F-1")
    fes = rows_by_code()["MA-03"]
    assert fes.leasable_units == 0
    assert [s.code for s in fes.planned_sites] == ["FES"]


def test_choropleth_classes():
    css, classes = choropleth({"MA-01": 0, "MA-02": 10, "MA-03": 40, "MA-04": 21, "MA-05": -3})
    assert css == {"MA-01": "q0", "MA-02": "q1", "MA-03": "q4", "MA-04": "q3", "MA-05": "q0"}
    assert [c.css for c in classes] == ["q0", "q1", "q2", "q3", "q4"]
    assert (classes[4].low, classes[4].high) == (30.0, 40.0)
    css, classes = choropleth({"MA-01": 0})
    assert css == {"MA-01": "q0"} and len(classes) == 1


def test_the_page_draws_twelve_linked_regions(cast):
    build_region_data(cast)
    response = Client().get("/federation/regions/", {"measure": "applications_received"})
    body = response.content.decode()
    assert body.count('<path id="region-MA-') == 12
    assert 'href="/federation/regions/MA-12/"' in body
    assert 'class="q4" data-iso="MA-03"' in body  # the only region with applications
    assert "<title>" in body
    assert "style=" not in body


def test_the_page_costs_the_same_queries_whatever_the_data(cast):
    client = Client()
    with CaptureQueriesContext(connection) as small:
        client.get("/federation/regions/")
    build_region_data(cast)
    for code in ("MA-01", "MA-04", "MA-09"):
        site = SiteFactory(code=f"X{code[-2:]}", region_id=code)
        startup = StartupFactory(region_id=code)
        EnrollmentFactory(startup=startup, site=site)
        LeaseFactory(startup=startup, space=SpaceFactory(site=site))
    with CaptureQueriesContext(connection) as big:
        client.get("/federation/regions/")
    assert len(big) == len(small)


def test_region_detail_sets_demand_beside_the_offer(cast):
    build_region_data(cast)
    response = Client().get("/federation/regions/MA-03/")
    offer = response.context["offer"]
    assert offer.startup_sectors == [("Agritech", 2)]
    assert offer.application_sectors == [("Edtech", 5)]
    casa = Client().get("/federation/regions/MA-06/").context["offer"]
    assert [p.code for p in casa.programs] == ["INC"]


def test_the_regions_page_in_three_languages(cast):
    for lang, text in (("fr", "Fès-Meknès"), ("ar", "فاس مكناس"), ("en", "Fez-Meknes")):
        client = Client()
        client.cookies["technopark_language"] = lang
        response = client.get("/federation/regions/")
        assert response.status_code == 200
        assert text in response.content.decode()


def test_the_french_map_writes_its_labels_where_they_belong(cast):
    # The labels' coordinates were printed with French decimal commas ("123,4"), piling the
    # numbers in a corner; each is now a number the SVG reads, inside its region.
    response = Client(headers={"accept-language": "fr"}).get("/federation/regions/")
    body = response.content.decode()
    labels = re.findall(r'<text x="([^"]+)" y="([^"]+)" text-anchor="middle">(\d+)</text>', body)
    assert [number for _, _, number in labels] == [str(n) for n in range(1, 13)]
    for x, y, _ in labels:
        assert re.fullmatch(r"\d+\.\d", x) and re.fullmatch(r"\d+\.\d", y)
    assert len({(x, y) for x, y, _ in labels}) == 12
