"""Open data a portal can harvest: a valid Frictionless Data Package with a licence, files
that match its schemas, CORS, and 304 answers to conditional requests."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from frictionless import Package, Resource, Schema

from technopark.house.testing import SiteFactory


@pytest.fixture
def open_data(cast):
    cache.clear()
    SiteFactory(code="SN", name="Site Neuf", opened_on=None, latitude=35.76, longitude=-5.81)
    return cast


def _package(client=None) -> dict:
    response = (client or Client()).get("/open/datapackage.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_the_data_package_is_valid_and_says_its_licence(open_data):
    descriptor = _package()
    report = Package.validate_descriptor(descriptor)
    assert report.valid, report.flatten(["type", "note"])
    assert descriptor["licenses"][0]["name"] == "ODC-By-1.0"
    names = [r["name"] for r in descriptor["resources"]]
    assert names == ["figures", "sites"]
    for resource in descriptor["resources"]:
        assert resource["path"].startswith("http://testserver/open/")
        assert resource["schema"]["fields"]


@pytest.mark.parametrize("name", ["figures", "sites"])
def test_each_file_matches_its_schema(open_data, tmp_path, name):
    descriptor = next(r for r in _package()["resources"] if r["name"] == name)
    response = Client().get(descriptor["path"].removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    path = tmp_path / f"{name}.csv"
    path.write_bytes(response.content)
    resource = Resource(
        path=path.name,
        basepath=str(tmp_path),
        schema=Schema.from_descriptor(descriptor["schema"]),
        encoding="utf-8-sig",
    )
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = resource.read_rows()
    assert rows
    if name == "sites":
        by_code = {row["code"]: row for row in rows}
        assert by_code["SN"]["status"] == "planned" and by_code["SA"]["region"] == "MA-06"
        assert float(by_code["SN"]["latitude"]) == pytest.approx(35.76)


@pytest.mark.parametrize("cached", [0, 300], ids=["computed", "from-the-public-cache"])
def test_a_conditional_request_for_an_unchanged_file_gets_a_304(open_data, cached):
    with override_settings(TECHNOPARK_PUBLIC_CACHE_SECONDS=cached):
        client = Client()
        first = client.get("/open/sites.csv")
        client.get("/open/sites.csv")  # the second one comes from the cache when it is on
        etag, modified = first["ETag"], first["Last-Modified"]
        again = client.get("/open/sites.csv", headers={"if-none-match": etag})
        assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
        assert (
            client.get("/open/sites.csv", headers={"if-modified-since": modified}).status_code
            == 304
        )
        changed = client.get("/open/sites.csv", headers={"if-none-match": '"stale"'})
        assert changed.status_code == 200 and changed.content == first.content


def test_a_new_site_changes_the_etag(open_data):
    etag = Client().get("/open/sites.csv")["ETag"]
    SiteFactory(code="SX", name="Site X")
    response = Client().get("/open/sites.csv", headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


def test_cors_is_open_on_open_data_only(open_data):
    assert Client().get("/open/figures.json")["Access-Control-Allow-Origin"] == "*"
    for page in ("/open/reuse/", "/open/methodology/", "/sites/SA/", "/"):
        assert "Access-Control-Allow-Origin" not in Client().get(page)


def test_the_reuse_page_links_the_package_and_the_licence(open_data):
    body = Client(headers={"accept-language": "fr"}).get("/open/reuse/").content.decode()
    assert 'href="/open/datapackage.json"' in body
    assert 'href="https://opendatacommons.org/licenses/by/1-0/" rel="license"' in body
