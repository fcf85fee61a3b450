"""A startup's writes say what happened (core/actions.py): created, profile changed, team
members added or changed, invitations sent and accepted, groupings formed; the staff's
timeline of the startup tells them."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from technopark.core.models import Action
from technopark.house.testing import StartupFactory, UserFactory
from technopark.startups.models import Invitation, Membership
from technopark.startups.services import (
    grouping_create,
    member_add,
    member_set,
    startup_create,
    startup_update,
)


def _names(**about) -> list[str]:
    return list(Action.objects.filter(**about).order_by("pk").values_list("name", flat=True))


def test_an_invitation_through_the_pages_names_no_address(cast):
    response = cast.client("owner").post(
        f"/startups/{cast.own.ref}/invite/", {"email": "New.Mate@example.ma"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(startup=cast.own)
    sent = Action.objects.get(name="invitation.sent")
    assert (sent.actor, sent.channel, sent.startup_id) == (cast.owner, "page", cast.own.pk)
    assert sent.object_id == str(invitation.pk)
    assert "mate" not in sent.label.lower() and "mate" not in str(sent.payload).lower()

    mate = UserFactory(email="new.mate@example.ma")
    client = Client()
    client.force_login(mate)
    client.post(f"/startups/invitations/{invitation.token}/")
    accepted = Action.objects.get(name="invitation.accepted")
    assert (accepted.actor, accepted.startup_id) == (mate, cast.own.pk)
    assert accepted.payload == {"invitation": invitation.pk, "user": mate.pk}


def test_profile_and_team_changes_are_named_once_each(cast):
    startup_update(startup=cast.own, data={"sector": "Agritech", "city": cast.own.city}, by=cast.owner)  # fmt: skip
    startup_update(startup=cast.own, data={"sector": "Agritech"}, by=cast.owner)  # unchanged
    updated = Action.objects.get(name="startup.updated")
    assert (updated.payload, updated.startup_id) == ({"fields": ["sector"]}, cast.own.pk)

    mate = UserFactory(email="mate@example.ma")
    member_add(startup=cast.own, user=mate, by=cast.owner)
    member_add(startup=cast.own, user=mate, by=cast.owner)  # already in the team
    member_set(startup=cast.own, user=mate, founder=True, by=cast.admin)
    member_set(startup=cast.own, user=mate, founder=True, by=cast.admin)  # nothing changed
    membership = Membership.objects.get(startup=cast.own, user=mate)
    assert _names(object_id=str(membership.pk), name__startswith="member.") == [
        "member.added",
        "member.changed",
    ]
    changed = Action.objects.get(name="member.changed")
    assert (changed.actor, changed.payload) == (cast.admin, {"user": mate.pk, "founder": True})


def test_a_new_startup_and_a_grouping(cast):
    made = startup_create(ref="NEW-1", name="Nouvelle", sector="Fintech", by=cast.admin)
    created = Action.objects.get(name="startup.created")
    assert (created.startup_id, created.payload, created.actor) == (made.pk, {"ref": "NEW-1"}, cast.admin)  # fmt: skip

    partner = StartupFactory()
    grouping = grouping_create(
        code="GIE-1",
        kind="gie",
        name="GIE Atlas",
        formed_on=dt.date(2026, 1, 1),
        members=[cast.own, partner],
        lead=cast.own,
        by=cast.admin,
    )
    formed = Action.objects.get(name="grouping.formed")
    assert formed.object_id == str(grouping.pk) and formed.startup_id == cast.own.pk
    assert formed.payload["members"] == [cast.own.pk, partner.pk]


def test_the_staff_timeline_tells_the_new_actions(cast):
    startup_update(startup=cast.own, data={"sector": "Agritech"}, by=cast.owner)
    member_add(startup=cast.own, user=UserFactory(full_name="Salma Kettani"), by=cast.owner)
    page = cast.client("admin").get(f"/startups/{cast.own.ref}/staff/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Profile updated: Own Startup" in text or "Profil mis à jour : Own Startup" in text
    assert "Salma Kettani @ Own Startup" in text
