"""Each person's home says what needs them today; visitors keep the public home."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from technopark.hosting.models import Lease
from technopark.house.testing import LeaseFactory, SpaceFactory, StartupFactory


def test_visitors_get_the_public_home(client, db):
    body = client.get("/").content.decode()
    assert "The network today" in body
    assert "What needs you today" not in body


def test_a_site_manager_sees_the_contracts_to_sign(cast):
    LeaseFactory(
        startup=cast.other,
        space=SpaceFactory(site=cast.site, code="A-202"),
        starts_on=dt.date(2026, 1, 1),
        status=Lease.Status.DRAFT,
    )
    body = cast.client("site_manager").get("/").content.decode()
    assert "What needs you today" in body
    assert 'href="/hosting/SA/contracts/?status=draft"' in body
    line = body.split("Contracts to sign")[1].split("</li>")[0]
    assert "1 to see" in line


def test_a_founder_sees_their_own_agenda_not_the_staff_work(cast):
    body = cast.client("owner").get("/").content.decode()
    assert "Your coming room bookings" in body
    assert "Contracts to sign" not in body
    assert "Personal data requests waiting" not in body


def test_the_network_admin_sees_waiting_privacy_requests(cast):
    body = cast.client("admin").get("/").content.decode()
    assert "Personal data requests waiting" in body


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    return len(ctx)


@pytest.mark.parametrize("who", ["admin", "site_manager", "officer", "owner", "expert"])
def test_the_home_costs_the_same_whatever_the_data(cast, who):
    client = cast.client(who)
    client.get("/")
    before = _queries(client)
    for n in range(5):
        startup = StartupFactory(ref=f"MORE-{n}", name=f"More {n}")
        LeaseFactory(
            startup=startup,
            space=SpaceFactory(site=cast.site, code=f"M-{n}"),
            starts_on=dt.date(2026, 1, 1),
            status=Lease.Status.DRAFT,
        )
    assert _queries(client) == before
