"""A founder's invitation goes through notification_send: a real SMTP server receives it, to a
plain address in the founder's language, or to the invitee's account in theirs."""

from __future__ import annotations

import pytest

from technopark.house.testing import UserFactory
from technopark.notifications.models import Notification
from technopark.startups.models import Invitation

pytestmark = pytest.mark.django_db

SUBJECT = {
    "fr": "Own Startup vous invite dans son équipe",
    "ar": "تدعوك Own Startup إلى فريقها",
    "en": "Own Startup invites you to its team",
}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_an_invitation_to_an_address_without_account_is_in_the_founders_language(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    cast.owner.language = language
    cast.owner.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").post(
            f"/startups/{cast.own.ref}/invite/", {"email": "New.Mate@example.ma"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    (message,) = smtp_inbox.messages
    assert message["To"] == "new.mate@example.ma"
    assert str(message["Subject"]).strip().startswith(SUBJECT[language])
    text = message.get_body(("plain",)).get_content()
    assert f"/startups/invitations/{invitation.token}/" in text
    assert ('dir="rtl"' in message.get_body(("html",)).get_content()) == (language == "ar")
    assert not Notification.objects.exists()  # nobody to show it to in the app


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_an_invitation_to_someone_with_an_account_is_in_their_language_and_in_the_app(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language
):
    mate = UserFactory(email="mate@example.ma", language=language)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("owner").post(f"/startups/{cast.own.ref}/invite/", {"email": mate.email})
    (message,) = smtp_inbox.messages
    assert message["To"] == mate.email
    assert str(message["Subject"]).strip().startswith(SUBJECT[language])
    notification = Notification.objects.get(user=mate)
    assert notification.kind == "startups.invitation"
    assert notification.url.startswith("/startups/invitations/")
