"""The demo shows the personal calendar: the founder's and the expert's feeds hold a
commitment of each kind that concerns them."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from technopark.accounts.models import PersonalCalendar

pytestmark = pytest.mark.django_db


def _kinds(user) -> dict[str, set[str]]:
    feed = PersonalCalendar.objects.get(user=user, revoked_at__isnull=True)
    response = Client().get(f"/me/calendar/{feed.token}.ics")
    assert response.status_code == 200
    kinds: dict[str, set[str]] = {}
    for event in Calendar.from_ical(response.content).walk("VEVENT"):
        uid = str(event["UID"]).split("@")[0]
        kind = next(
            (
                k
                for k in (
                    "desk-appointment",
                    "expert-session",
                    "interview",
                    "registration",
                    "event",
                )
                if uid.startswith(k + "-")
            ),
            "booking",
        )
        kinds.setdefault(kind, set()).add(str(event["STATUS"]))
    return kinds


def test_the_demo_founder_and_expert_have_a_feed_of_each_kind(demo_network):
    users = demo_network.ctx.users
    founder = _kinds(users["founder"])
    assert set(founder) == {
        "booking",
        "desk-appointment",
        "expert-session",
        "interview",
        "registration",
    }
    assert {"CONFIRMED", "TENTATIVE"} <= founder["registration"]  # a ticket, a waiting list
    assert {"CONFIRMED", "TENTATIVE"} <= founder["expert-session"]
    expert = _kinds(users["expert"])
    assert set(expert) == {"expert-session", "registration"}
    assert set(_kinds(users["desk_agent"])) == {"desk-appointment"}
    assert "event" in _kinds(users["site_manager"])  # the events they organise
