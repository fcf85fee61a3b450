"""Every edge of every definition of kpis.md, on small networks built with the factories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from technopark.hosting.models import Lease
from technopark.house.testing import (
    EnrollmentFactory,
    LeaseFactory,
    OperatorFactory,
    ProgramFactory,
    SiteFactory,
    SpaceFactory,
    StartupFactory,
)
from technopark.impact.continents import continent_of
from technopark.impact.definitions import KEYS
from technopark.impact.engine import UnknownScope, compute_bilan, year_before
from technopark.network.models import Site, SiteBudget
from technopark.programs.models import Program
from technopark.startups.models import (
    Export,
    FollowUp,
    Funding,
    Grouping,
    GroupingMember,
    Headcount,
    Patent,
)
from technopark.surveys.models import SatisfactionAnswer

D = dt.date(2022, 11, 30)
pytestmark = pytest.mark.django_db


def kpis(day=D, **scope) -> dict:
    return compute_bilan(as_of=day, **scope)["kpis"]


@pytest.fixture
def casa():
    return SiteFactory(code="CASA", opened_on=dt.date(2001, 10, 1))


def test_an_empty_network_has_zeros_and_null_rates():
    result = compute_bilan(as_of=D)
    assert result["as_of"] == "2022-11-30" and result["scope"] == "network"
    assert list(result["kpis"]) == KEYS
    rates = [
        k for k in KEYS if k.endswith("_rate") or k in ("export_share", "cost_per_startup_mad")
    ]
    assert all(result["kpis"][k] is None for k in rates)
    assert all(result["kpis"][k] == 0 for k in KEYS if k not in rates)


def test_supported_counts_enrollments_started_on_or_before_the_day(casa):
    a, b = StartupFactory(), StartupFactory()
    EnrollmentFactory(startup=a, site=casa, started_on=D)
    EnrollmentFactory(
        startup=a,
        site=casa,
        started_on=dt.date(2019, 1, 1),
        program=ProgramFactory(code="PRE", kind="pre_incubation", direct=False),
    )
    EnrollmentFactory(startup=b, site=casa, started_on=D + dt.timedelta(days=1))
    k = kpis()
    assert k["startups_supported"] == 1  # a once, b starts the day after
    assert k["startups_supported_direct"] == 1
    assert kpis(dt.date(2020, 1, 1))["startups_supported_direct"] == 0  # only the partner one


def test_residents_leases_cover_start_but_not_end_and_drafts_never_count(casa):
    space = SpaceFactory(site=casa, area_m2=Decimal("20.5"))
    other = SpaceFactory(site=casa, area_m2=Decimal("10"))
    draft = SpaceFactory(site=casa, area_m2=Decimal("30"))
    LeaseFactory(space=space, starts_on=dt.date(2020, 1, 1), ends_on=D)  # handed back on D
    LeaseFactory(space=space, starts_on=D)  # starts on D
    LeaseFactory(space=other, starts_on=D + dt.timedelta(days=1))
    LeaseFactory(space=draft, starts_on=dt.date(2020, 1, 1), status=Lease.Status.DRAFT)
    k = kpis()
    assert k["residents"] == 1
    assert k["leasable_area_m2"] == 60.5
    assert k["leased_area_m2"] == 20.5
    assert k["occupancy_rate"] == pytest.approx(20.5 / 60.5, rel=1e-12)


def test_a_space_with_two_active_leases_counts_once(casa):
    space = SpaceFactory(site=casa, area_m2=Decimal("40"))
    LeaseFactory(space=space, starts_on=dt.date(2020, 1, 1))
    LeaseFactory(space=space, starts_on=dt.date(2019, 1, 1), status=Lease.Status.DRAFT)
    assert kpis()["leased_area_m2"] == 40.0


def test_site_that_opens_later_or_closed_has_no_leasable_area_and_counts_apart(casa):
    later = SiteFactory(code="LATER", opened_on=dt.date(2023, 1, 1))
    closed = SiteFactory(code="OLD", opened_on=dt.date(2005, 1, 1), closed_on=D)
    planned = SiteFactory(code="PLAN", opened_on=None, planned_opening="2027")
    for site in (casa, later, closed, planned):
        SpaceFactory(site=site, area_m2=Decimal("10"))
    k = kpis()
    assert k["leasable_area_m2"] == 10.0
    assert k["sites_operational"] == 1
    assert k["sites_in_progress"] == 2  # LATER and PLAN; OLD closed on D
    assert kpis(site="LATER")["sites_in_progress"] == 1
    assert kpis(site="LATER")["leasable_area_m2"] == 0.0
    assert kpis(site="LATER")["occupancy_rate"] is None
    assert kpis(site="OLD")["sites_operational"] == 0
    assert kpis(D - dt.timedelta(days=1), site="OLD")["sites_operational"] == 1


def test_incubation_rates_count_only_ended_incubations(casa):
    inc = ProgramFactory(code="INC", kind=Program.Kind.INCUBATION)
    acc = ProgramFactory(code="ACC", kind=Program.Kind.ACCELERATION)
    for outcome, ended in [
        ("graduated", D),
        ("graduated", dt.date(2020, 5, 1)),
        ("discontinued", dt.date(2021, 1, 1)),
        ("discontinued", D + dt.timedelta(days=1)),
    ]:
        EnrollmentFactory(
            program=inc, site=casa, started_on=dt.date(2019, 1, 1), ended_on=ended, outcome=outcome
        )
    EnrollmentFactory(
        program=acc,
        site=casa,
        started_on=dt.date(2019, 1, 1),
        ended_on=dt.date(2020, 1, 1),
        outcome="discontinued",
    )
    k = kpis()
    assert (k["incubation_graduated"], k["incubation_discontinued"]) == (2, 1)
    assert k["incubation_success_rate"] == pytest.approx(2 / 3)
    assert k["incubation_mortality_rate"] == pytest.approx(1 / 3)


def test_survival_uses_latest_followup_between_exit_and_day(casa):
    inc = ProgramFactory(code="INC", kind=Program.Kind.INCUBATION)
    exit_on = dt.date(2020, 6, 30)
    s_alive, s_closed, s_unobserved, s_before, s_later = (StartupFactory() for _ in range(5))
    for s in (s_alive, s_closed, s_unobserved, s_before, s_later):
        EnrollmentFactory(
            startup=s,
            program=inc,
            site=casa,
            started_on=dt.date(2018, 1, 1),
            ended_on=exit_on,
            outcome="graduated",
        )
    FollowUp.objects.create(startup=s_alive, observed_on=exit_on, status="closed")
    FollowUp.objects.create(startup=s_alive, observed_on=D, status="acquired")
    FollowUp.objects.create(startup=s_closed, observed_on=dt.date(2021, 6, 1), status="active")
    FollowUp.objects.create(startup=s_closed, observed_on=dt.date(2022, 6, 1), status="closed")
    FollowUp.objects.create(startup=s_before, observed_on=dt.date(2019, 1, 1), status="active")
    FollowUp.objects.create(startup=s_later, observed_on=D + dt.timedelta(days=1), status="active")
    k = kpis()
    assert (k["post_exit_survived"], k["post_exit_closed"], k["post_exit_unobserved"]) == (1, 1, 3)
    assert k["post_exit_survival_rate"] == 0.5
    assert kpis(dt.date(2020, 6, 29))["post_exit_survival_rate"] is None  # nobody left yet


def test_jobs_take_each_supported_startups_latest_headcount_on_or_before_the_day(casa):
    a, b, c = StartupFactory(), StartupFactory(), StartupFactory()
    EnrollmentFactory(startup=a, site=casa, started_on=dt.date(2015, 1, 1))
    EnrollmentFactory(startup=b, site=casa, started_on=dt.date(2015, 1, 1))
    Headcount.objects.create(startup=a, as_of=dt.date(2020, 12, 31), direct_jobs=3, indirect_jobs=1)
    Headcount.objects.create(startup=a, as_of=D, direct_jobs=7, indirect_jobs=2)
    Headcount.objects.create(startup=a, as_of=D + dt.timedelta(days=1), direct_jobs=99)
    Headcount.objects.create(
        startup=c, as_of=dt.date(2021, 12, 31), direct_jobs=50
    )  # not supported
    k = kpis()
    assert (k["jobs_direct"], k["jobs_indirect"], k["jobs_created"]) == (7, 2, 9)


def test_renewal_on_a_leap_day_looks_at_28_february(casa):
    assert year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    leap = dt.date(2024, 2, 29)
    stays, leaves, enters, gone = (StartupFactory() for _ in range(4))
    LeaseFactory(startup=stays, space=SpaceFactory(site=casa), starts_on=dt.date(2022, 1, 1))
    LeaseFactory(
        startup=leaves,
        space=SpaceFactory(site=casa),
        starts_on=dt.date(2023, 2, 28),
        ends_on=dt.date(2023, 3, 1),
    )
    LeaseFactory(startup=enters, space=SpaceFactory(site=casa), starts_on=leap)
    LeaseFactory(
        startup=gone,
        space=SpaceFactory(site=casa),
        starts_on=dt.date(2022, 1, 1),
        ends_on=dt.date(2023, 2, 28),
    )
    k = kpis(leap)
    assert (k["residents_year_before"], k["renewal_leavers"], k["renewal_entrants"]) == (2, 1, 1)
    assert k["renewal_rate"] == 0.5


def test_satisfaction_window_excludes_exactly_one_year_before(casa):
    s = StartupFactory()
    for day, score in [
        (dt.date(2021, 11, 30), 5),
        (dt.date(2021, 12, 1), 4),
        (D, 2),
        (D + dt.timedelta(days=1), 5),
    ]:
        SatisfactionAnswer.objects.create(startup=s, answered_on=day, score=score)
    k = kpis()
    assert (k["satisfaction_responses"], k["satisfied_responses"]) == (2, 1)
    assert k["satisfaction_rate"] == 0.5


def test_exporters_are_residents_with_exports_this_year_or_last(casa):
    a, b, c = StartupFactory(), StartupFactory(), StartupFactory()
    for s in (a, b):
        LeaseFactory(startup=s, space=SpaceFactory(site=casa), starts_on=dt.date(2020, 1, 1))
    Export.objects.create(startup=a, year=2021, country="RU")
    Export.objects.create(startup=a, year=2022, country="FR")
    Export.objects.create(startup=b, year=2020, country="US")  # too old
    Export.objects.create(startup=c, year=2022, country="TR")  # not a resident
    k = kpis()
    assert (k["exporters"], k["export_share"], k["export_continents"]) == (1, 0.5, 1)
    assert [continent_of(c) for c in ("RU", "TR", "EG", "KZ", "PA", "MA")] == [
        "EU",
        "AS",
        "AF",
        "AS",
        "NA",
        "AF",
    ]


def test_patents_fundings_groupings_budgets(casa):
    rabat = SiteFactory(code="RABAT", opened_on=dt.date(2012, 1, 1))
    a, b, c = StartupFactory(), StartupFactory(), StartupFactory()
    EnrollmentFactory(startup=a, site=casa, started_on=dt.date(2015, 1, 1))
    EnrollmentFactory(startup=b, site=rabat, started_on=dt.date(2015, 1, 1))
    Patent.objects.create(startup=a, filed_on=D, title="Capteur")
    Patent.objects.create(startup=a, filed_on=D + dt.timedelta(days=1), title="Later")
    Patent.objects.create(startup=c, filed_on=dt.date(2020, 1, 1), title="Not supported")
    Funding.objects.create(
        startup=a, obtained_on=D, source="Innov Idea", amount_mad=Decimal("100000.5")
    )
    Funding.objects.create(startup=c, obtained_on=D, source="Forsa", amount_mad=Decimal("5000"))
    gie = Grouping.objects.create(code="G1", kind="gie", name="GIE", formed_on=D)
    GroupingMember.objects.create(grouping=gie, startup=b)
    GroupingMember.objects.create(grouping=gie, startup=c)
    Grouping.objects.create(code="M1", kind="merger", name="M", formed_on=D + dt.timedelta(days=1))
    SiteBudget.objects.create(site=casa, year=2022, amount_mad=Decimal("1000000"))
    SiteBudget.objects.create(site=rabat, year=2022, amount_mad=Decimal("500000"))
    SiteBudget.objects.create(site=casa, year=2021, amount_mad=Decimal("9"))
    k = kpis()
    assert (k["patents_filed"], k["funding_raised_mad"]) == (1, 100000.5)
    assert (k["gie_count"], k["merger_count"]) == (1, 0)
    assert k["accompaniment_cost_mad"] == 1500000.0
    assert kpis(site="CASA")["gie_count"] == 0  # no member supported at Casablanca
    assert kpis(site="RABAT")["gie_count"] == 1
    assert kpis(site="RABAT")["accompaniment_cost_mad"] == 500000.0


def test_accompanied_in_year_and_cost_per_startup(casa):
    y = [
        (dt.date(2022, 12, 31), None),  # starts the last day of Y, after D: counts
        (dt.date(2020, 1, 1), dt.date(2022, 1, 1)),  # ends on 1 Jan: covers no day of Y
        (dt.date(2020, 1, 1), dt.date(2022, 1, 2)),  # covers 1 Jan
        (dt.date(2023, 1, 1), None),
    ]
    for start, end in y:
        EnrollmentFactory(
            site=casa, started_on=start, ended_on=end, outcome="graduated" if end else ""
        )
    assert kpis()["startups_accompanied_in_year"] == 2
    assert kpis()["cost_per_startup_mad"] == 0.0
    SiteBudget.objects.create(site=casa, year=2022, amount_mad=Decimal("300000"))
    assert kpis()["cost_per_startup_mad"] == 150000.0
    assert kpis(dt.date(2010, 6, 1))["cost_per_startup_mad"] is None


def test_one_site_narrows_every_startup_figure(casa):
    rabat = SiteFactory(code="RABAT", opened_on=dt.date(2012, 1, 1))
    a = StartupFactory()
    EnrollmentFactory(startup=a, site=rabat, started_on=dt.date(2015, 1, 1))
    LeaseFactory(startup=a, space=SpaceFactory(site=casa), starts_on=dt.date(2020, 1, 1))
    Headcount.objects.create(startup=a, as_of=dt.date(2021, 12, 31), direct_jobs=4)
    SatisfactionAnswer.objects.create(startup=a, answered_on=D, score=5)
    casa_k, rabat_k = kpis(site="CASA"), kpis(site="rabat")
    assert (casa_k["startups_supported"], casa_k["residents"], casa_k["jobs_direct"]) == (0, 1, 0)
    assert (rabat_k["startups_supported"], rabat_k["residents"], rabat_k["jobs_direct"]) == (
        1,
        0,
        4,
    )
    assert (casa_k["satisfaction_responses"], rabat_k["satisfaction_responses"]) == (0, 1)
    assert compute_bilan(as_of=D, site="rabat")["scope"] == "RABAT"
    with pytest.raises(UnknownScope):
        compute_bilan(as_of=D, site="NOPE")


def test_operator_narrows_to_its_programs(casa):
    partner = OperatorFactory(
        name="Réseau Entreprendre", slug="rem", kind="association", is_network_operator=False
    )
    program = ProgramFactory(code="REM", operator=partner, direct=False, kind="other")
    a, b = StartupFactory(), StartupFactory()
    EnrollmentFactory(startup=a, program=program, site=casa, started_on=dt.date(2015, 1, 1))
    EnrollmentFactory(startup=b, site=casa, started_on=dt.date(2015, 1, 1))
    for s in (a, b):
        Headcount.objects.create(startup=s, as_of=dt.date(2021, 12, 31), direct_jobs=5)
    result = compute_bilan(as_of=D, operator="rem")
    assert result["operator"] == "rem" and result["scope"] == "network"
    assert (result["kpis"]["startups_supported"], result["kpis"]["jobs_direct"]) == (1, 5)


def test_the_number_of_queries_does_not_grow_with_the_data(casa, django_assert_max_num_queries):
    def grow(n):
        for i in range(n):
            s = StartupFactory()
            EnrollmentFactory(startup=s, site=casa, started_on=dt.date(2015, 1, 1))
            LeaseFactory(startup=s, space=SpaceFactory(site=casa), starts_on=dt.date(2020, 1, 1))
            Headcount.objects.create(startup=s, as_of=dt.date(2021, 12, 31), direct_jobs=i)
            FollowUp.objects.create(startup=s, observed_on=dt.date(2021, 1, 1), status="active")

    grow(2)
    with django_assert_max_num_queries(14):
        compute_bilan(as_of=D)
    grow(40)
    with django_assert_max_num_queries(14):
        compute_bilan(as_of=D)
    with django_assert_max_num_queries(15):
        compute_bilan(as_of=D, site="CASA")


def test_site_page_and_bilan_agree_on_occupancy(casa):
    from technopark.hosting.selectors import site_occupancy, site_spaces

    LeaseFactory(space=SpaceFactory(site=casa, area_m2=Decimal("12")), starts_on=D)
    SpaceFactory(site=casa, area_m2=Decimal("30"))
    page = site_occupancy(site_spaces(Site.objects.get(code="CASA"), D))
    assert kpis(site="CASA")["occupancy_rate"] == pytest.approx(page.rate_by_area)


def test_trends_give_the_engines_figures_at_each_day(casa):
    from technopark.impact.engine import Scope, compute_kpis
    from technopark.impact.trends import TREND_KEYS, trend_series

    for i in range(6):
        s = StartupFactory()
        EnrollmentFactory(startup=s, site=casa, started_on=dt.date(2015 + i, 3, 1))
        LeaseFactory(startup=s, space=SpaceFactory(site=casa, area_m2=Decimal(10 + i)),
                     starts_on=dt.date(2016 + i, 1, 1),
                     ends_on=dt.date(2019 + i, 12, 31) if i % 2 else None)  # fmt: skip
        Headcount.objects.create(startup=s, as_of=dt.date(2016 + i, 12, 31), direct_jobs=i + 1)
        Headcount.objects.create(startup=s, as_of=dt.date(2019, 6, 30), direct_jobs=10 * i)
        Export.objects.create(startup=s, year=2017 + i, country="FR")
    days = [dt.date(y, 12, 31) for y in range(2014, 2023)] + [dt.date(2023, 5, 31)]
    for site in (None, casa):
        series = trend_series(Scope(as_of=days[-1], site=site), days)
        for n, day in enumerate(days):
            expected = compute_kpis(Scope(as_of=day, site=site), TREND_KEYS)
            assert {k: series[k][n] for k in TREND_KEYS} == expected, day
