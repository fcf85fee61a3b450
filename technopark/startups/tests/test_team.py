"""A founder invites teammates by e-mail; the invitation joins the team once."""

from __future__ import annotations

from django.core import mail

from technopark.house.testing import UserFactory
from technopark.startups.models import Invitation, Membership


def test_founder_invites_and_teammate_joins(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").post(
            f"/startups/{cast.own.ref}/invite/", {"email": "New.Mate@example.ma"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(startup=cast.own)
    assert invitation.email == "new.mate@example.ma"
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body

    mate = UserFactory(email="new.mate@example.ma")
    from django.test import Client

    client = Client()
    client.force_login(mate)
    response = client.post(f"/startups/invitations/{invitation.token}/")
    assert response.status_code == 302
    assert Membership.objects.filter(startup=cast.own, user=mate, is_founder=False).exists()
    # The same link cannot be used twice.
    client.post(f"/startups/invitations/{invitation.token}/")
    assert Membership.objects.filter(startup=cast.own, user=mate).count() == 1


def test_invitation_is_for_its_addressee_only(cast):
    invitation = Invitation.objects.create(
        startup=cast.own, email="someone@example.ma", invited_by=cast.owner
    )
    cast.client("other_member").post(f"/startups/invitations/{invitation.token}/")
    assert not Membership.objects.filter(startup=cast.own, user=cast.other_member).exists()


def test_inviting_an_existing_member_is_refused_with_a_message(cast):
    response = cast.client("owner").post(
        f"/startups/{cast.own.ref}/invite/", {"email": cast.colleague.email}, follow=True
    )
    assert f"{cast.colleague.email} is already in the team." in response.content.decode()
    assert not Invitation.objects.exists()


def test_colleague_cannot_invite(cast):
    assert (
        cast.client("colleague")
        .post(f"/startups/{cast.own.ref}/invite/", {"email": "x@example.ma"})
        .status_code
        == 403
    )
    assert not Invitation.objects.exists()
