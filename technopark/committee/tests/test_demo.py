"""The demo shows a committee: a session held a week ago with its conflict, votes, decisions
(one taken without a missing review) and approved minutes, and a coming session the expert
sits on."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from technopark.committee.models import Declaration, Session, Vote

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_session_with_approved_minutes_and_a_coming_one(demo_network):
    users = demo_network.ctx.users
    sessions = list(Session.objects.order_by("starts_at"))
    assert len(sessions) == 2
    past, coming = sessions
    assert past.starts_at < timezone.now() < coming.starts_at
    assert past.minutes == "approved" and past.minutes_approved_at > past.starts_at
    assert past.members.count() == 4 and past.members.filter(present=True).count() == 4
    conflict = Declaration.objects.get(item__session=past, conflict=True)
    assert conflict.member.user == users["expert"]
    assert not Vote.objects.filter(item=conflict.item, member=conflict.member).exists()
    assert Vote.objects.filter(item__session=past).count() == 11
    decisions = sorted(past.items.values_list("decision", flat=True))
    assert decisions == ["admitted", "declined", "waitlisted"]
    assert past.items.exclude(override_reason="").count() == 1
    assert coming.minutes == "draft" and coming.held_at is None
    assert coming.members.filter(user=users["expert"]).exists()

    expert = Client()
    expert.force_login(users["expert"])
    listing = expert.get("/committee/").content.decode()
    assert f"/committee/{past.pk}/" in listing and f"/committee/{coming.pk}/" in listing
    minutes = expert.get(f"/committee/{past.pk}/minutes.pdf?lang=ar")
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF")
