"""The new-contract form finds a startup by search, not in a list of thousands (issue 23,
item 8)."""

from __future__ import annotations

import json

from technopark.hosting.models import Lease
from technopark.house.testing import EnrollmentFactory, SpaceFactory, StartupFactory


def test_the_new_contract_form_has_no_list_of_every_startup(cast):
    for i in range(30):
        EnrollmentFactory(startup=StartupFactory(ref=f"BULK-{i}"), site=cast.site)
    page = cast.client("site_manager").get(f"/hosting/{cast.site.code}/contracts/new/")
    html = page.content.decode()
    field = html.split('name="startup"', 1)[0].rsplit("<", 1)[1]
    assert field.startswith("input")
    assert "BULK-7" not in html  # no option per startup
    assert 'data-lookup="/hosting/SA/contracts/startups/"'.replace("SA", cast.site.code) in html


def test_the_lookup_answers_the_sites_startups_by_name_or_reference(cast):
    StartupFactory(ref="ZZ-1", name="Owl Robotics")  # at no site of the manager's
    staff = cast.client("site_manager")
    url = f"/hosting/{cast.site.code}/contracts/startups/"
    found = json.loads(staff.get(url, {"q": "own"}).content)["results"]
    assert [r["ref"] for r in found] == [cast.own.ref]
    assert found[0]["label"] == f"{cast.own.name} ({cast.own.ref})"
    assert json.loads(staff.get(url, {"q": "own-"}).content)["results"][0]["ref"] == "OWN-1"
    assert json.loads(staff.get(url, {"q": "Owl"}).content)["results"] == []
    assert json.loads(staff.get(url, {"q": "o"}).content)["results"] == []
    assert cast.client("other_site_staff").get(url, {"q": "own"}).status_code == 404


def _post(cast, startup_text: str):
    space = SpaceFactory(site=cast.site, code="A-150")
    return cast.client("site_manager").post(
        f"/hosting/{cast.site.code}/contracts/new/",
        {
            "startup": startup_text,
            "space": space.pk,
            "starts_on": "2026-12-01",
            "planned_end": "2027-11-30",
            "rent_per_m2_mad": "60",
            "charges_mad": "0",
        },
    )


def test_without_javascript_the_typed_name_or_reference_is_looked_up(cast):
    """The plain text field works alone: a reference, a name, or the suggestion's
    "Name (REF)" finds the startup; an unknown or ambiguous text is refused."""
    assert _post(cast, "own startup").status_code == 302
    assert Lease.objects.filter(startup=cast.own, space__code="A-150").exists()


def test_an_unknown_or_foreign_startup_is_refused(cast):
    response = _post(cast, "Other Startup")  # a startup of site B, not of this site
    assert response.status_code == 200
    assert "No startup of this site has the name or reference" in response.content.decode()
    assert not Lease.objects.filter(space__code="A-150").exists()
