"""Hosting's spaces page: the floors summed up, one floor's spaces at a time, every space
reachable, the same occupancy as the site page, a cost that does not grow with the site."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from technopark.hosting.models import WaitingEntry
from technopark.hosting.selectors import (
    floor_occupancy,
    floor_summaries,
    site_occupancy,
    site_spaces,
)
from technopark.house.testing import LeaseFactory, SpaceFactory, StartupFactory


def _floors(cast, per_floor: int, floors=("1er étage", "2e étage", "RDC")) -> set[str]:
    codes = set()
    for floor in floors:
        for i in range(per_floor):
            space = SpaceFactory(site=cast.site, code=f"{floor[:2]}-{i:02d}", floor=floor)
            codes.add(space.code)
            if i % 2:
                LeaseFactory(space=space, starts_on=dt.date(2022, 1, 1))
    return codes


def _codes(html: str) -> set[str]:
    import re

    grid = html.split('id="spaces"', 1)[1]
    return set(re.findall(r'<div class="fw-semibold">(\S+) <span', grid))


def test_each_floor_lists_its_own_spaces_and_every_space_is_reachable(cast):
    codes = _floors(cast, 4) | {"A-101"}  # A-101 is the cast's own office, on the ground floor
    client = cast.client("site_manager")
    first = client.get(f"/hosting/{cast.site.code}/")
    floors = first.context["plan"].floors
    assert [f.name for f in floors] == ["", "1er étage", "2e étage", "RDC"]
    seen: set[str] = set()
    for floor, url in first.context["floor_links"]:
        page = client.get(url)
        assert page.context["plan"].floor == floor.name
        shown = _codes(page.content.decode())
        assert len(shown) == floor.occupancy.leasable_count
        assert not shown & seen  # a space is on one floor only
        seen |= shown
    assert seen == codes
    # The date form keeps the floor; a floor that does not exist shows the first one.
    page = client.get(f"/hosting/{cast.site.code}/?floor=2e+%C3%A9tage&date=2023-01-01")
    html = page.content.decode()
    assert 'name="floor" value="2e étage"' in html and 'aria-current="page">2e étage</a>' in html
    assert _codes(html) == {f"2e-{i:02d}" for i in range(4)}
    assert client.get(f"/hosting/{cast.site.code}/?floor=9e").context["plan"].floor == ""


def test_a_let_space_links_its_contract_and_a_free_one_its_next_in_line(cast):
    taken = SpaceFactory(site=cast.site, code="C-1", floor="1er", area_m2=Decimal("30"))
    free = SpaceFactory(site=cast.site, code="C-2", floor="1er", area_m2=Decimal("30"))
    lease = LeaseFactory(space=taken, startup=cast.other, planned_end=dt.date(2030, 1, 31))
    waiting = StartupFactory(name="Waiting Startup")
    WaitingEntry.objects.create(
        site=cast.site,
        startup=waiting,
        kind="office",
        area_needed_m2=Decimal("25"),
        requested_on=dt.date(2024, 1, 1),
    )
    html = cast.client("site_manager").get(f"/hosting/{cast.site.code}/?floor=1er").content
    html = html.decode()
    assert f'href="/hosting/{cast.site.code}/contracts/{lease.pk}/">Other Startup</a>' in html
    assert "31/01/2030" in html
    assert "Waiting Startup" in html  # next in line for the free office, big enough
    assert f"/hosting/{cast.site.code}/contracts/new/?space={free.pk}" in html
    # The cards are drawn in Python: what they show is escaped and in the person's language.
    cast.other.name = "Atlas & <Fils>"
    cast.other.save()
    client = cast.client("site_manager")
    client.cookies["technopark_language"] = "en"
    html = client.get(f"/hosting/{cast.site.code}/?floor=1er").content.decode()
    assert ">Atlas &amp; &lt;Fils&gt;</a>" in html and "<Fils>" not in html
    assert "until 31/01/2030" in html and ">Free<" in html


def test_the_database_sums_up_the_floors_as_the_spaces_do(cast):
    _floors(cast, 3)
    SpaceFactory(site=cast.site, code="MR-1", floor="RDC", kind="meeting_room", leasable=False)
    SpaceFactory(site=cast.site, code="OLD", floor="RDC", area_m2=Decimal("12.5"))
    LeaseFactory(
        space=cast.site.spaces.get(code="OLD"),
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2021, 1, 1),
    )
    for day in (dt.date(2020, 6, 1), dt.date(2026, 6, 1)):
        rows = site_spaces(cast.site, day)
        assert floor_occupancy(cast.site, day) == floor_summaries(rows)
        page = cast.client("site_manager").get(f"/hosting/{cast.site.code}/?date={day}")
        assert page.context["occupancy"] == site_occupancy(rows)


def test_the_spaces_page_reads_as_much_for_a_large_site_as_for_a_small_one(
    cast, django_assert_max_num_queries
):
    client = cast.client("site_manager")
    SpaceFactory(site=cast.site, code="RDC-FREE", floor="RDC")  # a free one: next in line
    client.get(f"/hosting/{cast.site.code}/")  # the session, the principal, warm
    with django_assert_max_num_queries(10) as small:
        client.get(f"/hosting/{cast.site.code}/?floor=RDC")
    _floors(cast, 30)
    with django_assert_max_num_queries(10) as large:
        page = client.get(f"/hosting/{cast.site.code}/?floor=RDC")
    assert len(_codes(page.content.decode())) == 31
    assert len(large.captured_queries) == len(small.captured_queries)
