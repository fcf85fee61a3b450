"""The federation's links in the menu and its panel on a site being built."""

from __future__ import annotations

from django.test import Client, RequestFactory

from technopark.federation.nav import nav_items


def labels(user) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    return [item.label for item in nav_items(request)]


def test_menu_by_role(fed):
    from django.contrib.auth.models import AnonymousUser

    assert labels(AnonymousUser()) == ["Partners", "Regions"]
    assert labels(fed.partner_officer) == ["Partners", "Regions", "Partner spaces"]
    assert labels(fed.owner) == ["Partners", "Regions"]
    assert labels(fed.admin) == [
        "Partners",
        "Regions",
        "Partner spaces",
        "Pipeline",
        "Scenarios",
        "Bilan by structure",
    ]


def test_site_page_shows_the_pipeline_to_network_staff_only(fed):
    client = Client()
    client.force_login(fed.admin)
    body = client.get("/sites/NEW/").content.decode()
    assert "Construction and opening" in body
    assert "/federation/pipeline/NEW/" in body
    assert "Construction and opening" not in Client().get("/sites/NEW/").content.decode()
