"""A partner's invitation goes through notification_send: a real SMTP server receives it in
the invitee's language."""

from __future__ import annotations

import pytest

from technopark.accounts.models import User
from technopark.federation.services import partner_staff_invite
from technopark.notifications.models import Notification

pytestmark = pytest.mark.django_db

SUBJECT = {
    "fr": "Incubateur Alpha vous invite sur la plateforme Technopark",
    "ar": "يدعوك Incubateur Alpha إلى منصة تكنوبارك",
    "en": "Incubateur Alpha invites you to the Technopark platform",
}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_a_person_given_a_partner_role_is_told_in_their_language(
    fed, smtp_inbox, django_capture_on_commit_callbacks, language
):
    # Someone new: no password yet, so the e-mail carries the link to choose one.
    person = User.objects.create_user(email="nouvelle@alpha.ma", language=language)
    with django_capture_on_commit_callbacks(execute=True):
        partner_staff_invite(
            operator=fed.partner, email=person.email, role="partner_officer", by=fed.partner_admin
        )
    (message,) = smtp_inbox.messages
    assert message["To"] == person.email
    assert str(message["Subject"]).strip() == SUBJECT[language]
    text = message.get_body(("plain",)).get_content()
    assert "/accounts/password/reset/key/" in text
    assert ('dir="rtl"' in message.get_body(("html",)).get_content()) == (language == "ar")
    assert Notification.objects.get(user=person).kind == "federation.partner_invitation"
