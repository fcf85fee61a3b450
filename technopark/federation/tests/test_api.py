"""The federation's API: the same figures as the pages, and the same rules."""

from __future__ import annotations

from django.test import Client


def test_regions_api_gives_the_twelve_regions(fed):
    data = Client().get("/api/v1/federation/regions").json()["items"]
    assert [r["code"] for r in data] == [f"MA-{i:02d}" for i in range(1, 13)]
    fes = data[2]
    assert fes["sites_being_built"] == ["NEW"]


def test_partner_directory_api_lists_public_partners(fed):
    data = Client().get("/api/v1/federation/partners").json()["items"]
    assert [(p["slug"], p["startups_accompanied"], p["programs"]) for p in data] == [
        ("alpha", 1, ["ALPHA-INC"])
    ]


def test_pipeline_api_for_network_staff(fed):
    client = Client()
    client.force_login(fed.officer)
    [project] = client.get("/api/v1/federation/pipeline").json()["items"]
    assert project["site"] == "NEW"
    assert [m["kind"] for m in project["milestones"]] == [
        "land",
        "works",
        "fit_out",
        "team",
        "opening",
    ]
    assert (project["checklist_done"], project["checklist_total"]) == (0, 2)


def test_scenario_api_explains_and_refuses_bad_input(fed):
    client = Client()
    client.force_login(fed.admin)
    data = client.get(
        "/api/v1/federation/scenario", {"site": "NEW", "area_m2": 1000, "year": 2030}
    ).json()
    assert len(data["years"]) == 5 and len(data["steps"]) == 4
    response = client.get(
        "/api/v1/federation/scenario", {"site": "NEW", "area_m2": 0, "year": 2030}
    )
    assert response.status_code == 400
    assert "area" in response.json()["message"]
