"""The startup directory and a startup's page: filters, privacy, profile edits, query counts."""

from __future__ import annotations

import datetime as dt

from technopark.house.testing import (
    EnrollmentFactory,
    LeaseFactory,
    ProgramFactory,
    SiteFactory,
    StartupFactory,
)


def names(response) -> set[str]:
    return {s.name for s in response.context["page_obj"]}


def test_anonymous_sees_only_public_startups(cast, client):
    StartupFactory(name="Listed Co", public=True)
    found = names(client.get("/startups/", follow=True))
    assert "Listed Co" in found
    assert "Own Startup" not in found and "Other Startup" not in found


def test_site_staff_also_see_their_private_startups_and_members_the_showcase(cast):
    StartupFactory(name="Listed Co", public=True)
    # A founder is an outsider to the other startups: the public showcase, not this list.
    assert names(cast.client("owner").get("/startups/", follow=True)) == {"Listed Co"}
    assert "Own Startup" in names(cast.client("site_manager").get("/startups/"))
    assert "Own Startup" not in names(cast.client("other_site_staff").get("/startups/"))
    assert {"Own Startup", "Other Startup"} <= names(cast.client("admin").get("/startups/"))


def test_filters_by_site_sector_region_program_and_status(cast):
    site = SiteFactory(code="TNG")
    acc = ProgramFactory(code="ACC", name="Accélération", kind="acceleration")
    resident = StartupFactory(name="Resident Agritech", sector="Agritech")
    LeaseFactory(startup=resident, space__site=site, starts_on=dt.date(2020, 1, 1))
    alumni = StartupFactory(name="Old Fintech", sector="Fintech")
    EnrollmentFactory(
        startup=alumni,
        site=site,
        program=acc,
        started_on=dt.date(2010, 1, 1),
        ended_on=dt.date(2012, 1, 1),
        outcome="graduated",
    )
    running = StartupFactory(name="Young Edtech", sector="Edtech")
    EnrollmentFactory(startup=running, site=site, started_on=dt.date(2024, 1, 1))
    client = cast.client("admin")
    assert names(client.get("/startups/?site=TNG")) == {
        "Resident Agritech",
        "Old Fintech",
        "Young Edtech",
    }
    assert names(client.get("/startups/?sector=Agritech")) == {"Resident Agritech"}
    assert names(client.get("/startups/?program=ACC")) == {"Old Fintech"}
    assert names(client.get("/startups/?site=TNG&status=resident")) == {"Resident Agritech"}
    assert names(client.get("/startups/?site=TNG&status=alumni")) == {"Old Fintech"}
    assert names(client.get("/startups/?site=TNG&status=in_program")) == {"Young Edtech"}
    assert names(client.get("/startups/?q=edtech")) == {"Young Edtech"}


def test_directory_query_count_does_not_grow(cast, django_assert_max_num_queries):
    client = cast.client("admin")
    client.get("/startups/")
    StartupFactory.create_batch(40)
    with django_assert_max_num_queries(12):
        assert client.get("/startups/?site=SA").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/startups/").status_code == 200


def test_private_fields_are_shown_only_to_those_allowed(cast, client):
    cast.own.ice = "123456789012345"
    cast.own.public = True
    cast.own.save()
    assert "123456789012345" not in client.get(f"/startups/{cast.own.ref}/").content.decode()
    assert (
        "123456789012345" in cast.client("owner").get(f"/startups/{cast.own.ref}/").content.decode()
    )
    api = client.get(f"/api/v1/startups/{cast.own.ref}").json()
    assert api["id"] == cast.own.ref and api["ice"] is None
    assert (
        cast.client("site_manager").get(f"/api/v1/startups/{cast.own.ref}").json()["ice"]
        == "123456789012345"
    )


def test_member_edits_the_profile_and_a_bad_ice_is_refused(cast):
    client = cast.client("owner")
    form = {
        "name": "Own Startup SARL",
        "ice": "12345",
        "legal_form": "SARL",
        "sector": "Fintech",
        "city": "Rabat",
    }
    response = client.post(f"/startups/{cast.own.ref}/edit/", form)
    assert response.status_code == 200
    assert "15" in response.content.decode()
    cast.own.refresh_from_db()
    assert cast.own.name == "Own Startup"
    form["ice"] = "001234567000089"
    assert client.post(f"/startups/{cast.own.ref}/edit/", form).status_code == 302
    cast.own.refresh_from_db()
    assert (cast.own.name, cast.own.ice) == ("Own Startup SARL", "001234567000089")


def test_profile_change_is_in_the_audit_trail_for_staff(cast):
    form = {"name": "Renamed", "legal_form": "", "sector": "Fintech", "city": ""}
    cast.client("owner").post(f"/startups/{cast.own.ref}/edit/", form)
    page = cast.client("admin").get(f"/startups/{cast.own.ref}/").content.decode()
    assert "Renamed" in page and cast.owner.get_full_name() in page
    assert (
        "History of changes"
        not in cast.client("owner").get(f"/startups/{cast.own.ref}/").content.decode()
    )
