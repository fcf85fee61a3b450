"""The scenario tool's arithmetic, on a small history worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from technopark.core.errors import DomainError
from technopark.federation.scenario import project_site
from technopark.federation.tests.helpers import make_applications, make_call
from technopark.house.testing import (
    EnrollmentFactory,
    LeaseFactory,
    SiteFactory,
    SpaceFactory,
    StartupFactory,
    UserFactory,
    make_role,
)

TODAY = dt.date(2024, 3, 1)


@pytest.fixture
def history(db):
    """S1 (2020): two 20 m² offices; S2 (2022): offices of 30 and 10 m².

    S1: office 1 let since 2020-06-01; office 2 let 2021-06-01 → 2023-06-01 (ended).
    S2: the 30 m² office let since 2022-03-01.
    Today (2024-03-01): S1 20 m² ÷ 1 resident = 20, S2 30 ÷ 1 = 30 → median 25 m².
    Ramp-up: S1 year 1 50 %, year 2 100 %, year 3 100 %, year 4 50 %; S2 years 1-2 75 %.
    """
    s1 = SiteFactory(code="S1", opened_on=dt.date(2020, 1, 1))
    s2 = SiteFactory(code="S2", opened_on=dt.date(2022, 1, 1))
    o1 = SpaceFactory(site=s1, code="1", area_m2=Decimal(20))
    o2 = SpaceFactory(site=s1, code="2", area_m2=Decimal(20))
    o3 = SpaceFactory(site=s2, code="3", area_m2=Decimal(30))
    SpaceFactory(site=s2, code="4", area_m2=Decimal(10))
    LeaseFactory(space=o1, starts_on=dt.date(2020, 6, 1))
    LeaseFactory(space=o2, starts_on=dt.date(2021, 6, 1), ends_on=dt.date(2023, 6, 1))
    LeaseFactory(space=o3, starts_on=dt.date(2022, 3, 1))
    new = SiteFactory(code="FES", opened_on=None, region_id="MA-03")
    return {"s1": s1, "s2": s2, "new": new}


def test_projection_from_the_history(history):
    call = make_call(history["s1"])
    # 30 applications from Fès-Meknès in 2021-2023: 12 admitted, 18 declined → share 40 %
    make_applications(call, region="MA-03", status="admitted", count=12, year=2022)
    make_applications(call, region="MA-03", status="declined", count=18, year=2023)
    # elsewhere, all admitted: the network's share differs, the region's is used (30 decisions)
    make_applications(call, region="MA-06", status="admitted", count=10, year=2022)
    make_applications(call, region="MA-03", status="draft", count=5, year=2022)  # not received

    scenario = project_site(site=history["new"], area_m2=200, year=2027, today=TODAY)

    # capacity ⌊200 ÷ 25⌋ = 8; occupancy 62.5 %, 87.5 %, 100 %, 50 %, 50 % (year 5 = year 4)
    assert [y.year for y in scenario.years] == [2027, 2028, 2029, 2030, 2031]
    assert [y.occupancy for y in scenario.years] == [0.625, 0.875, 1.0, 0.5, 0.5]
    assert [y.residents for y in scenario.years] == [5, 7, 8, 4, 4]
    assert [y.leased_m2 for y in scenario.years] == [125, 175, 200, 100, 100]
    # median stay: one ended contract of 730 days = 1.9986 years
    # new places: 5; 2 + 5/2.0→3; 1 + 7/2.0→4; 0 + 8/2.0→4; 0 + 4/2.0→2
    assert [y.intake for y in scenario.years] == [5, 5, 5, 4, 2]
    # admitted demand 10 a year × 40 % = 4
    assert [y.absorbed for y in scenario.years] == [4, 4, 4, 4, 2]
    assert [y.unmet for y in scenario.years] == [0, 0, 0, 0, 2]
    # every step shows its inputs
    first = scenario.steps[0]
    assert ("S1", "20 m² ÷ 1 = 20.0 m²") in first.inputs
    assert "⌊ 200 ÷ 25.0 ⌋" in first.formula
    demand_inputs = dict(scenario.steps[2].inputs)
    assert "30" in demand_inputs.values()
    assert any("12 ÷ 30 = 40.0 %" in v for v in demand_inputs.values())
    assert any("year 5" in note for note in scenario.steps[1].notes)


def test_without_applications_enrollments_stand_for_demand(history):
    for _ in range(6):
        EnrollmentFactory(
            startup=StartupFactory(region_id="MA-03"),
            site=history["s1"],
            started_on=dt.date(2022, 2, 1),
        )
    scenario = project_site(site=history["new"], area_m2=200, year=2027, today=TODAY)
    # 6 entries in 3 years = 2 a year, share 100 %
    assert [y.absorbed for y in scenario.years] == [2, 2, 2, 2, 2]
    assert scenario.steps[2].notes


def test_no_history_is_a_clear_error(db):
    new = SiteFactory(code="FES", opened_on=None, region_id="MA-03")
    with pytest.raises(DomainError) as error:
        project_site(site=new, area_m2=1000, year=2027, today=TODAY)
    assert error.value.code == "no_history"


@pytest.mark.parametrize(("area", "year"), [(0, 2027), (1000, 2020), (1000, 2080)])
def test_bad_input_is_refused(history, area, year):
    with pytest.raises(DomainError):
        project_site(site=history["new"], area_m2=area, year=year, today=TODAY)


def test_the_page_explains_each_step(history):
    client = Client()
    client.force_login(make_role(UserFactory(), "network_admin"))
    response = client.get("/federation/scenarios/", {"site": "FES", "area_m2": 200, "year": 2030})
    assert response.status_code == 200
    body = response.content.decode()
    assert "How it is computed" in body
    assert "median m² per resident" in body
    response = client.get("/federation/scenarios/", {"site": "FES", "area_m2": 0, "year": 2030})
    assert response.context["scenario"] is None
    assert response.context["form"].errors
