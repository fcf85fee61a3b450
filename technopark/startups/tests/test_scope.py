"""Whose startups each role sees: the scope is subqueries on each table's index, and
still the same startups, each once (the directory's count and its rows)."""

from __future__ import annotations

import datetime as dt

import pytest

from technopark.house.testing import EnrollmentFactory, LeaseFactory, SpaceFactory, StartupFactory
from technopark.startups.permissions import in_private_scope, private_startups, visible_startups


@pytest.fixture
def scoped(cast):
    from technopark.federation.tests.fixtures import ensure_partners

    ensure_partners(cast)  # Alpha Startup (alpha's program, site A), Beta Startup (site B)
    StartupFactory(ref="PUB-1", name="Public Co", public=True)
    leased = StartupFactory(ref="LEASED-1", name="Only Leased", public=False)
    LeaseFactory(
        startup=leased,
        space=SpaceFactory(site=cast.site, code="A-201"),
        starts_on=dt.date(2019, 1, 1),
        ends_on=dt.date(2020, 1, 1),
        status="ended",
    )
    twice = StartupFactory(ref="TWICE-1", name="Twice Enrolled", public=False)
    for year in (2019, 2022):
        EnrollmentFactory(startup=twice, site=cast.site, started_on=dt.date(year, 1, 1))
    StartupFactory(ref="NOWHERE-1", name="Nowhere Private", public=False)
    return cast


def refs(qs) -> list[str]:
    return sorted(qs.values_list("ref", flat=True))


PRIVATE_A = ["ALPHA-1", "LEASED-1", "OWN-1", "TWICE-1"]


@pytest.mark.parametrize(
    "who, private, visible",
    [
        ("site_manager", PRIVATE_A, ["PUB-1", *PRIVATE_A]),
        ("officer", PRIVATE_A, ["PUB-1", *PRIVATE_A]),
        ("other_site_staff", ["BETA-1", "OTHER-1"], ["BETA-1", "OTHER-1", "PUB-1"]),
        ("partner_admin", ["ALPHA-1"], ["ALPHA-1", "PUB-1"]),
        ("owner", ["OWN-1"], ["OWN-1", "PUB-1"]),
        ("expert", [], ["PUB-1"]),
    ],
)
def test_each_role_sees_the_startups_of_its_scope_each_once(scoped, who, private, visible):
    user = getattr(scoped, who)
    assert refs(private_startups(user)) == private
    assert refs(visible_startups(user)) == sorted(visible)
    assert visible_startups(user).count() == len(visible)  # no join, so no duplicate
    for ref in ("OWN-1", "LEASED-1", "TWICE-1", "ALPHA-1", "NOWHERE-1"):
        startup = private_startups(scoped.admin).get(ref=ref)
        assert in_private_scope(_principal(user), startup) is (ref in private)


def _principal(user):
    from technopark.accounts.permissions import principal

    return principal(user)


def test_the_site_managers_directory_counts_each_startup_once(scoped):
    response = scoped.client("site_manager").get("/startups/")
    page = response.context["page_obj"]
    assert page.paginator.count == 5
    assert sorted(s.ref for s in page) == sorted(["PUB-1", *PRIVATE_A])
    # The network's administrator sees every one of them, private or not.
    admin_page = scoped.client("admin").get("/startups/").context["page_obj"]
    assert {"NOWHERE-1", "BETA-1", "OTHER-1"} <= {s.ref for s in admin_page}
