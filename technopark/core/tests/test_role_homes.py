"""Each role's home shows its own work, on the demo: what it lists is what its links open
(a count on the home equals what the page it leads to lists), nobody is shown a link that
answers 403 or 404, and no home ends with a site map."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from technopark.house.demo_logins import DEMO_LOGINS

pytestmark = pytest.mark.django_db

TASK = re.compile(
    r'<li class="tp-task">.*?<a href="(?P<url>[^"]+)"[^>]*>(?P<label>[^<]+)</a>.*?'
    r'(?:<strong class="tp-tag tp-tag-todo">(?P<count>\d+)|<span class="tp-tag tp-tag-done">)',
    re.S,
)
EMAILS = {key: email for key, email, _name, _role in DEMO_LOGINS}


def _client(demo_network, key: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(demo_network.ctx.users[key])
    return client


def _tasks(client) -> dict[str, tuple[str, int]]:
    body = client.get("/").content.decode()
    return {
        unescape(m["label"]).strip(): (unescape(m["url"]), int(m["count"] or 0))
        for m in TASK.finditer(body)
    }


def _listed(client, url: str) -> int:
    page = client.get(url).content.decode()
    found = re.search(r'role="status">(\d+) results?', page)
    assert found, f"{url} prints no count of results"
    return int(found[1])


@pytest.mark.parametrize(
    "key", ["network_admin", "site_manager", "program_officer", "founder", "expert", "desk_agent"]
)
def test_every_link_of_a_home_opens_and_no_home_ends_with_a_site_map(demo_network, key):
    client = _client(demo_network, key)
    body = client.get("/").content.decode()
    assert "Your places" not in body
    for label, (url, _count) in _tasks(client).items():
        status = client.get(url.split("#")[0], follow=True).status_code
        assert status == 200, f"{key}: “{label}” leads to {url}, which answers {status}"


def test_the_site_manager_sees_hosting_approvals_and_desks_not_the_selection(demo_network):
    client = _client(demo_network, "site_manager")
    tasks = _tasks(client)
    assert "Registrations awaiting your approval" in tasks
    assert "Hall requests awaiting your decision" in tasks
    assert "Today's desk appointments" in tasks
    assert "Contracts to sign" in tasks and "Overdue invoices" in tasks
    assert "Applications to decide" not in tasks
    assert "Late milestones of accompaniment plans" not in tasks
    url, count = tasks["Contracts to renew or end (next 60 days)"]
    assert _listed(client, url) == count


def test_the_program_officer_sees_new_and_late_requests_and_the_selection(demo_network):
    client = _client(demo_network, "program_officer")
    tasks = _tasks(client)
    assert "Contracts to sign" not in tasks and "Overdue invoices" not in tasks
    # "Applications to decide" opens a list of exactly those it counts, not the calls.
    url, count = tasks["Applications to decide"]
    assert count > 0, "the demo has applications to decide"
    assert _listed(client, url) == count
    listed = client.get(url).content.decode()
    assert listed.count("data-to-decide") == 1
    for label in ("New service requests", "Late service requests"):
        url, count = tasks[label]
        assert count > 0, f"the demo has {label.lower()}"
        assert _listed(client, url) == count


def test_the_founder_sees_its_own_agenda_first(demo_network):
    tasks = _tasks(_client(demo_network, "founder"))
    for label in (
        "Your unpaid invoices past their due date",
        "A space offered to you",
        "Your coming room bookings",
        "Your coming events",
        "Your coming expert sessions",
    ):
        assert label in tasks, label
    assert "Contracts to sign" not in tasks and "New service requests" not in tasks


def test_leadership_sees_the_headline_figures_and_their_change_over_a_year(demo_network):
    body = _client(demo_network, "network_admin").get("/").content.decode()
    assert "The network's headline figures" in body
    assert body.count('data-figure="') == 5
    assert re.search(r'class="small tp-trend is-(up|down|same)"', body)
    founder = _client(demo_network, "founder").get("/").content.decode()
    assert "The network's headline figures" not in founder
