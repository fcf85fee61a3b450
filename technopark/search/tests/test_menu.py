"""Saved views in the top bar: a menu group of one's own views and one's team's, drawn
afresh on every page although the rest of the bar is kept per principal and language."""

from __future__ import annotations

import pytest

from technopark.search.models import SavedView

pytestmark = pytest.mark.django_db


def views_group(client, path: str = "/sites/") -> str:
    """The saved views' group of the top bar on `path` ("" when there is none)."""
    body = client.get(path).content.decode()
    header = body[body.index("<header") : body.index("</header>")]
    if "data-saved-views" not in header:
        return ""
    return header.split("data-saved-views")[1].split("</ul>")[0]


def test_a_view_saved_shows_in_the_menu_on_the_next_page_and_goes_when_deleted(cast):
    client = cast.client("site_manager")
    assert views_group(client) == ""  # no view yet: no group (the bar is now kept)
    client.post(
        "/search/views/save/", {"name": "Fintech à Casa", "url": "/startups/?sector=Fintech"}
    )
    group = views_group(client)
    assert '<a class="dropdown-item text-wrap" href="/startups/?sector=Fintech">' in group
    assert "Fintech à Casa" in group and "My views" in group
    assert 'href="/search/views/"' in group  # to manage them
    view = SavedView.objects.get()
    client.post(f"/search/views/{view.pk}/delete/")
    assert views_group(client) == ""


def test_a_team_view_shows_in_colleagues_menus_and_not_another_site_s(cast):
    for who in ("officer", "other_site_staff", "site_manager"):
        views_group(cast.client(who))  # each one's bar is drawn and kept first
    cast.client("site_manager").post(
        "/search/views/save/",
        {"name": "Demandes ouvertes", "url": "/support/queue/?status=open", "shared_site": "SA"},
    )
    colleague = views_group(cast.client("officer"))
    assert "Team of Site A" in colleague
    assert 'href="/support/queue/?status=open">Demandes ouvertes</a>' in colleague
    assert "My views" not in colleague  # none of the officer's own
    assert views_group(cast.client("other_site_staff")) == ""
    owner = views_group(cast.client("site_manager"))
    assert "Demandes ouvertes" in owner and "Team of" not in owner  # under their own views


def test_the_group_follows_the_language_of_the_page(cast):
    client = cast.client("site_manager")
    client.post("/search/views/save/", {"name": "Résidents", "url": "/startups/?status=resident"})
    client.cookies["technopark_language"] = "fr"
    french = views_group(client)
    client.cookies["technopark_language"] = "ar"
    arabic = views_group(client)
    assert "Résidents" in french and "Résidents" in arabic
    assert french != arabic  # the group's own words are translated


def test_visitors_get_no_views_group(cast):
    body = cast.client("anonymous").get("/sites/").content.decode()
    assert "data-saved-views" not in body
