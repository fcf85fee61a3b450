"""The public showcase: profiles, a contact form that hides e-mails, widget and feed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache

from technopark.publishing.models import ShowcaseProfile


@pytest.fixture
def listed(cast):
    cache.clear()
    cast.own.public = True
    cast.own.save()
    ShowcaseProfile.objects.create(
        startup=cast.own,
        tagline="Irrigation intelligente",
        products="Capteur Atlas\nTableau de bord",
        seeks_funding=True,
        show_tagline=True,
        show_site=True,
        show_contact=True,
    )
    return cast


def _contact(client, ref="OWN-1", email="nadia@example.ma", message="Bonjour, un devis svp."):
    return client.post(
        f"/open/startups/{ref}/contact/",
        {"name": "Nadia Alaoui", "email": email, "message": message, "website": ""},
    )


def test_the_showcase_shows_listed_startups_without_emails(listed):
    page = listed.client(None).get("/open/startups/?looking_for=funding").content.decode()
    assert "Own Startup" in page
    detail = listed.client(None).get("/open/startups/OWN-1/").content.decode()
    assert "Capteur Atlas" in detail and "owner@example.ma" not in detail
    assert listed.client(None).get("/open/startups/OTHER-1/").status_code == 404
    none = listed.client(None).get("/open/startups/?looking_for=talent").content.decode()
    assert "Own Startup" not in none


def test_the_contact_form_mails_the_members_and_is_rate_limited(
    listed, django_capture_on_commit_callbacks
):
    client = listed.client(None)
    with django_capture_on_commit_callbacks(execute=True):
        assert _contact(client).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["colleague@example.ma", "owner@example.ma"]
    assert all("nadia@example.ma" in m.body for m in mail.outbox)  # whom to answer
    for _i in range(2):
        assert _contact(client).status_code == 302
    assert _contact(client).status_code == 429
    assert _contact(client, email="karim@example.ma").status_code == 302
    assert _contact(client, email="sara@example.ma", message="court").status_code == 400


def test_members_edit_their_profile_from_the_workspace(listed):
    client = listed.client("colleague")
    workspace = client.get("/startups/OWN-1/workspace/").content.decode()
    assert "/open/startups/OWN-1/profile/" in workspace
    response = client.post(
        "/open/startups/OWN-1/profile/",
        {"tagline": "Nouveau", "products": "A\nB", "seeks_talent": "on"},
    )
    assert response.status_code == 302
    profile = ShowcaseProfile.objects.get(startup=listed.own)
    assert (profile.tagline, profile.seeks_talent, profile.seeks_funding) == (
        "Nouveau",
        True,
        False,
    )


def test_the_widget_can_be_framed_by_partners(listed):
    response = listed.client(None).get("/open/startups/widget/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "Own Startup" in response.content.decode()
    other = listed.client(None).get("/open/startups/")
    assert other["X-Frame-Options"] == "DENY"


def test_the_feed_is_open_to_other_origins(listed):
    response = listed.client(None).get("/open/startups/feed.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    item = response.json()["startups"][0]
    assert item["id"] == "OWN-1" and item["looking_for"] == ["funding"]
    assert item["site"] == "Site A"
    assert "email" not in item
    assert "Access-Control-Allow-Origin" not in listed.client(None).get("/open/startups/")
