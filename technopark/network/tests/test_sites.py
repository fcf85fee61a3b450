"""The network's pages: sites by status, a site's spaces, tenants only for its staff."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from technopark.house.testing import LeaseFactory, SiteFactory, SpaceFactory


def test_sites_are_grouped_by_status(client, db):
    SiteFactory(code="OPEN", name="Open Park", opened_on=dt.date(2001, 1, 1))
    SiteFactory(code="FES", name="Fès Park", opened_on=None, planned_opening="2027")
    SiteFactory(
        code="OLD", name="Old Annex", opened_on=dt.date(2003, 1, 1), closed_on=dt.date(2010, 1, 1)
    )
    groups = client.get("/sites/").context["groups"]
    assert [s.code for s in groups["open"]] == ["OPEN"]
    assert [s.code for s in groups["planned"]] == ["FES"]
    assert [s.code for s in groups["closed"]] == ["OLD"]


def test_site_page_occupancy_by_area_and_count(cast):
    SpaceFactory(site=cast.site, code="A-102", area_m2=Decimal("30"))
    SpaceFactory(
        site=cast.site, code="MR-1", kind="meeting_room", leasable=False, area_m2=Decimal("40")
    )
    response = cast.client("site_manager").get(f"/sites/{cast.site.code}/")
    occupancy = response.context["occupancy"]
    assert (occupancy.leased_count, occupancy.leasable_count) == (1, 2)
    assert occupancy.leasable_area == Decimal("50") and occupancy.leased_area == Decimal("20")
    assert "Own Startup" in response.content.decode()


def test_site_page_at_a_past_date(cast):
    response = cast.client("site_manager").get(f"/sites/{cast.site.code}/?date=2021-01-15")
    assert response.context["occupancy"].leased_count == 0


def test_tenants_are_hidden_from_outsiders(cast, client):
    assert "Own Startup" not in client.get(f"/sites/{cast.site.code}/").content.decode()
    assert (
        "Own Startup"
        not in cast.client("other_site_staff").get(f"/sites/{cast.site.code}/").content.decode()
    )


def test_a_space_is_never_let_twice(cast):
    import pytest
    from django.db import IntegrityError, transaction

    space = SpaceFactory(site=cast.site, code="A-200")
    LeaseFactory(space=space, starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2023, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaseFactory(space=space, starts_on=dt.date(2022, 6, 1))
    # Back to back is fine: [start, end) does not overlap the next start.
    LeaseFactory(space=space, starts_on=dt.date(2023, 1, 1))
    # A draft does not hold the space.
    LeaseFactory(space=space, starts_on=dt.date(2023, 3, 1), status="draft")


def test_api_lists_sites_and_filters_spaces(cast, client):
    SpaceFactory(site=cast.site, code="MR-1", kind="meeting_room", leasable=False)
    codes = [s["code"] for s in client.get("/api/v1/sites").json()["items"]]
    assert {"SA", "SB"} <= set(codes)
    spaces = cast.client("owner").get("/api/v1/spaces?site=SA&kind=meeting_room").json()["items"]
    assert [s["code"] for s in spaces] == ["MR-1"]
    assert client.get("/api/v1/sites/NOPE").json() == {
        "code": "not_found",
        "message": client.get("/api/v1/sites/NOPE").json()["message"],
    }


def test_site_page_sums_up_spaces_by_floor_and_links_to_the_full_lists(cast):
    from technopark.hosting import nav

    SpaceFactory(site=cast.site, code="A-102", area_m2=Decimal("30"))
    response = cast.client("site_manager").get(f"/sites/{cast.site.code}/")
    html = response.content.decode()
    floors = response.context["floors"]
    assert sum(f.occupancy.leasable_count for f in floors) == 2
    assert sum(f.free_count for f in floors) == 1
    assert 'id="floors"' in html and f"/hosting/{cast.site.code}/?date=" in html
    assert "Own Startup" in html
    # Past the limit, the page lists the first residents and links to the directory.
    nav.SITE_PAGE_RESIDENTS, limit = 0, nav.SITE_PAGE_RESIDENTS
    try:
        html = cast.client("site_manager").get(f"/sites/{cast.site.code}/").content.decode()
    finally:
        nav.SITE_PAGE_RESIDENTS = limit
    assert 'id="all-residents"' in html
    assert f"/startups/?site={cast.site.code}&amp;status=resident" in html


def test_site_page_counts_residents_and_reads_the_same_for_a_large_site(
    cast, django_assert_max_num_queries
):
    from technopark.hosting import nav

    client = cast.client("site_manager")
    client.get(f"/sites/{cast.site.code}/")  # the session and principal, warm
    with django_assert_max_num_queries(20) as small:
        client.get(f"/sites/{cast.site.code}/")
    for i in range(nav.SITE_PAGE_RESIDENTS + 5):
        space = SpaceFactory(site=cast.site, code=f"F-{i:02d}", floor="1er étage")
        LeaseFactory(space=space, starts_on=dt.date(2022, 1, 1))
    # A startup holding two offices counts once.
    LeaseFactory(
        space=SpaceFactory(site=cast.site, code="F-99", floor="1er étage"),
        startup=cast.own,
        starts_on=dt.date(2022, 1, 1),
    )
    with django_assert_max_num_queries(20) as large:
        response = client.get(f"/sites/{cast.site.code}/")
    assert len(large.captured_queries) <= len(small.captured_queries) + 1  # + the count
    residents = nav.SITE_PAGE_RESIDENTS + 5 + 1
    assert response.context["residents_count"] == residents
    assert len(response.context["residents_shown"]) == nav.SITE_PAGE_RESIDENTS
    html = response.content.decode()
    assert f"See all {residents} resident startups in the directory" in html
    floor = {f.name: f for f in response.context["floors"]}["1er étage"]
    assert (floor.occupancy.leased_count, floor.free_count) == (residents, 0)
    assert response.context["occupancy"].leased_count == residents + 1  # and A-101
    # Each floor links to its spaces on hosting's page.
    assert f"/hosting/{cast.site.code}/?date={dt.date.today()}&amp;floor=1er%20%C3%A9tage" in html
