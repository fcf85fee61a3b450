"""The main menu: grouped by area, only what the person may use, the current place marked."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory

from technopark.core.navigation import build_menu


def menu_of(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return build_menu(request)


def labels(menu) -> dict[str, list[str]]:
    return {group.key: [link.label for link in group.links] for group in menu.groups}


def test_visitors_see_the_public_groups_only(db):
    from django.contrib.auth.models import AnonymousUser

    groups = labels(menu_of(AnonymousUser()))
    assert "admin" not in groups
    assert "Hosting" not in groups.get("operations", [])
    assert "Startups" in groups["startups"]
    assert "Bilan" not in groups.get("figures", [])


def test_each_role_sees_its_own_groups(cast):
    admin = labels(menu_of(cast.admin))
    assert "Import / export" in admin["admin"]
    assert "Data requests" in admin["admin"]
    assert "Bilan" in admin["figures"]
    manager = labels(menu_of(cast.site_manager))
    assert "Hosting" in manager["operations"]
    assert "admin" not in manager
    founder = labels(menu_of(cast.owner))
    assert "Hosting" not in founder.get("operations", [])
    assert "Rooms" in founder["operations"]
    assert "admin" not in founder
    # A person's own pages sit in the account menu, not among the network's groups.
    assert "My data" in [link.label for link in menu_of(cast.owner).account]


def test_the_longest_matching_link_is_the_current_place(cast):
    menu = menu_of(cast.admin, "/programs/calls/12/")
    current = [(g.key, link.label) for g in menu.groups for link in g.links if link.current]
    assert current == [("startups", "Calls")]
    assert [crumb.label for crumb in menu.breadcrumbs] == ["Startups & programmes", "Calls"]


def test_the_page_marks_the_current_place_and_draws_breadcrumbs(cast):
    body = cast.client("site_manager").get("/programs/plans/").content.decode()
    assert re.search(r'class="dropdown-item active" href="/programs/plans/" aria-current', body)
    assert 'aria-label="Breadcrumb"' in body
    # The top bar holds the groups, not a link per page.
    top = body.split('class="navbar-nav me-auto tp-groups"')[1].split(
        'class="navbar-nav tp-tools"'
    )[0]
    assert top.count('data-bs-toggle="dropdown"') <= 6


@pytest.mark.parametrize("who", ["admin", "site_manager", "owner", "expert"])
def test_the_menu_costs_no_query_per_link(cast, who, django_assert_max_num_queries):
    client = cast.client(who)
    client.get("/sites/")  # warm the session
    with django_assert_max_num_queries(30):
        assert client.get("/sites/").status_code == 200
