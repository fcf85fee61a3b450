"""The lists people work from: nothing cut off, searchable, and exported as shown."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from technopark.house.testing import LeaseFactory, SpaceFactory, StartupFactory


@pytest.fixture
def many_contracts(cast):
    for n in range(55):
        LeaseFactory(
            startup=StartupFactory(ref=f"MANY-{n:02}", name=f"Startup {n:02}"),
            space=SpaceFactory(site=cast.site, code=f"B-{n:03}"),
            starts_on=dt.date(2022, 1, 1),
        )
    return cast


def test_a_long_list_says_its_size_and_goes_on_to_the_next_page(many_contracts):
    client = many_contracts.client("site_manager")
    first = client.get("/hosting/SA/contracts/?sort=space").content.decode()
    assert "56 results" in first  # 55 + the cast's own contract
    assert "showing 1–50" in first
    assert "Page 1 of 2" in first
    second = client.get("/hosting/SA/contracts/?sort=space&page=2").content.decode()
    assert "B-054" in second and "B-000" not in second


def test_search_narrows_the_list(many_contracts):
    body = many_contracts.client("site_manager").get("/hosting/SA/contracts/?q=Startup 07")
    html = body.content.decode()
    assert "1 result" in html and "B-007" in html and "B-008" not in html


def test_the_export_holds_every_row_of_the_filtered_list(many_contracts):
    client = many_contracts.client("site_manager")
    response = client.get("/hosting/SA/contracts/?sort=space&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 56
    assert lines[1].startswith("A-101;") and lines[2].startswith("B-000;")
    response = client.get("/hosting/SA/contracts/?q=Startup 1&sort=space&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        f"B-{n:03}" for n in range(10, 20)
    ]


def test_others_cannot_export_what_they_cannot_see(many_contracts):
    assert (
        many_contracts.client("other_site_staff")
        .get("/hosting/SA/contracts/?export=csv")
        .status_code
        == 404
    )
