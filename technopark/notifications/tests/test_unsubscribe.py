"""Automatic e-mails say so (Auto-Submitted, RFC 3834); optional ones carry a one-click
unsubscribe (List-Unsubscribe + List-Unsubscribe-Post, RFC 8058) whose signed link turns
that kind off without signing in. Checked on what a real SMTP server receives."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client

from technopark.accounts.models import User
from technopark.notifications.models import EmailLog, Notification, NotificationPreference
from technopark.notifications.services import digest_send, notification_send, preference_of
from technopark.notifications.unsubscribe import unsubscribe_token

pytestmark = pytest.mark.django_db

OPTIONAL, MANDATORY = "booking.requested", "booking.confirmed"
LINK = re.compile(r"^<(https?://[^>]+/me/notifications/unsubscribe/[^/>]+/)>$")


def _person(email="amina@example.ma", language="fr"):
    return User.objects.create_user(email, language=language, full_name="Amina Tazi")


def _send(capture, to, kind=OPTIONAL):
    with capture(execute=True):
        notification_send(to=to, kind=kind, context={"items": []}, url="/booking/")


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_an_optional_email_is_automatic_and_carries_the_one_click_unsubscribe(
    smtp_inbox, django_capture_on_commit_callbacks
):
    person = _person()
    _send(django_capture_on_commit_callbacks, person)
    [message] = smtp_inbox.messages
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = LINK.match(str(message["List-Unsubscribe"]).strip()).group(1)
    assert url.startswith(settings.SITE_URL.rstrip("/") + "/")
    # The footer shows the same link, in the text part and in the HTML part.
    text, html = _parts(message)
    assert url in text and f'href="{url}"' in html
    assert "Ne plus recevoir ce type d’e-mail" in html  # in the reader's language (fr)
    # The in-app notification keeps the body alone.
    assert url not in Notification.objects.get(user=person).body

    # The mail client's button: a POST without cookies nor CSRF token.
    client = Client(enforce_csrf_checks=True)
    answer = client.post(_path(url), {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert "Vous ne recevez plus d’e-mails de ce type" in answer.content.decode()  # theirs: fr
    assert preference_of(person, OPTIONAL) == NotificationPreference.Choice.OFF

    # The next one of that kind stays in-app; other kinds still arrive.
    _send(django_capture_on_commit_callbacks, person)
    assert len(smtp_inbox.messages) == 1
    assert Notification.objects.filter(user=person, kind=OPTIONAL).count() == 2
    _send(django_capture_on_commit_callbacks, person, kind="desk.agent_booked")
    assert len(smtp_inbox.messages) == 2


def test_a_mandatory_email_is_automatic_without_unsubscribe(
    smtp_inbox, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, _person(), kind=MANDATORY)
    [message] = smtp_inbox.messages
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe"] is None and message["List-Unsubscribe-Post"] is None
    text, html = _parts(message)
    assert "/unsubscribe/" not in text and "/unsubscribe/" not in html


def test_an_address_without_account_has_nothing_to_unsubscribe_from(
    smtp_inbox, django_capture_on_commit_callbacks
):
    _send(django_capture_on_commit_callbacks, "visiteur@example.ma")
    [message] = smtp_inbox.messages
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe"] is None


def test_a_get_only_asks_in_the_persons_language():
    person = _person(language="ar")
    path = f"/me/notifications/unsubscribe/{unsubscribe_token(person.pk, OPTIONAL)}/"
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)
    assert page.status_code == 200
    assert 'lang="ar"' in page.content.decode()
    assert '<form method="post"' in page.content.decode()
    assert not NotificationPreference.objects.exists()
    assert preference_of(person, OPTIONAL) == NotificationPreference.Choice.IMMEDIATE


def test_a_tampered_or_foreign_token_is_refused_and_changes_nothing():
    person, other = _person(), _person("karim@example.ma")
    token = unsubscribe_token(person.pk, OPTIONAL)
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature altered
        signing.Signer(salt="another.salt").sign_object({"u": other.pk, "k": OPTIONAL}),
        unsubscribe_token(person.pk, MANDATORY),  # a mandatory kind cannot be left
        unsubscribe_token(person.pk, "no.such_kind"),
        unsubscribe_token(987654, OPTIONAL),  # nobody
    ]
    client = Client(REMOTE_ADDR="198.51.100.21")
    for bad in forged:
        answer = client.post(f"/me/notifications/unsubscribe/{bad}/")
        assert answer.status_code == 400, bad
        assert "This unsubscribe link is not valid" in answer.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_link_is_rate_limited_per_client_address(settings):
    settings.NOTIFICATIONS_UNSUBSCRIBE_RATE_LIMITS = {"ip": "2/h"}
    person = _person()
    path = f"/me/notifications/unsubscribe/{unsubscribe_token(person.pk, OPTIONAL)}/"
    client = Client(REMOTE_ADDR="198.51.100.22")
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200
    refused = client.post(path)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many attempts" in refused.content.decode()
    assert not NotificationPreference.objects.exists()
    assert Client(REMOTE_ADDR="198.51.100.23").post(path).status_code == 200


def test_the_digest_has_its_own_link_and_off_means_no_digest(
    smtp_inbox, django_capture_on_commit_callbacks
):
    person = _person()
    Notification.objects.create(user=person, kind=OPTIONAL, title="Salle Atlas", wants_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 1
    [message] = smtp_inbox.messages
    url = LINK.match(str(message["List-Unsubscribe"]).strip()).group(1)
    assert Client().post(_path(url)).status_code == 200
    assert preference_of(person, "notifications.digest") == NotificationPreference.Choice.OFF
    Notification.objects.create(user=person, kind=OPTIONAL, title="Salle Rif", wants_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send() == 0
    assert len(smtp_inbox.messages) == 1
    assert EmailLog.objects.count() == 1
    assert not Notification.objects.filter(digested_at__isnull=True).exists()


def test_a_password_reset_email_is_automatic(smtp_inbox):
    _person("target@example.ma")
    answer = Client().post("/accounts/password/reset/", {"email": "target@example.ma"})
    assert answer.status_code == 302
    [message] = smtp_inbox.messages
    assert "/accounts/password/reset/key/" in message.get_body(("plain",)).get_content()
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Unsubscribe"] is None
