"""An outside visitor registers to a public event with a name and an e-mail, without an
account: a real SMTP server receives the confirmation link, the ticket, the reminder, each
with a link to cancel, in the language of the page they registered from."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from technopark.community import services
from technopark.community.models import Event, Registration
from technopark.community.tests.factories import make_event, register


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    cache.clear()  # the rate limit counts in the cache, across tests of one process
    yield
    cache.clear()


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _link(message, pattern: str) -> str:
    match = re.search(r"https?://[^/\s]+(/community/" + pattern + r"[^\s]*)", _text(message))
    assert match, f"no link /community/{pattern} in the e-mail"
    return match[1]


def _join(client, event, language="en", **data):
    return client.post(
        f"/community/events/{event.pk}/join/",
        {"name": "Hind Alaoui", "email": "hind@example.org", "website": "", **data},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _invitation(message):
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "one invite.ics"
    return Calendar.from_ical(parts[0].get_content())


def test_a_guest_registers_confirms_gets_the_ticket_the_reminder_and_cancels_freeing_the_seat(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    event = make_event(cast.site, title="Demo Day", capacity=1, days=1)
    register(event, cast.owner, status="waitlisted")  # waits for the seat the guest will free
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        page = _join(client, event, language="fr", email="Hind@Example.org")
    assert page.status_code == 200
    assert "Vérifiez votre e-mail" in page.content.decode()
    guest = Registration.objects.get(event=event, user__isnull=True)
    assert (guest.guest_email, guest.language, guest.status) == (
        "hind@example.org",
        "fr",
        "unconfirmed",
    )
    event.refresh_from_db()
    assert event.confirmed == 0, "an unconfirmed registration holds no seat"

    [confirm_mail] = smtp_inbox.messages
    assert confirm_mail["To"] == "hind@example.org"
    assert confirm_mail["Subject"].startswith("Confirmez votre inscription")
    assert "/community/tickets/" in _link(confirm_mail, "tickets/") and "/cancel/" in _text(
        confirm_mail
    )
    confirm = _link(confirm_mail, "join/")
    assert client.get(confirm).status_code == 200
    assert Registration.objects.get(pk=guest.pk).status == "unconfirmed", "a visit confirms nothing"
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    guest.refresh_from_db()
    assert guest.status == "confirmed"
    assert response.status_code == 302 and response["Location"].endswith(
        f"/community/tickets/{guest.ticket}/"
    )
    ticket = Client().get(response["Location"]).content.decode()
    assert 'src="data:image/svg+xml' in ticket and "Hind Alaoui" in ticket

    [ticket_mail] = smtp_inbox.messages
    assert ticket_mail["Subject"].startswith("Votre place est confirmée")
    assert f"/community/tickets/{guest.ticket}/" in _text(ticket_mail)
    assert _link(ticket_mail, f"tickets/{guest.ticket}/cancel/")
    invite = _invitation(ticket_mail)
    assert invite["METHOD"] == "REQUEST"
    assert "hind@example.org" in str(invite.walk("VEVENT")[0]["ATTENDEE"])
    assert not Registration.objects.get(pk=guest.pk).user  # still no account

    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        day_before = timezone.localdate(event.starts_at) - dt.timedelta(days=1)
        assert services.registrations_remind(today=day_before) == 1
    [reminder] = smtp_inbox.messages
    assert reminder["To"] == "hind@example.org"
    assert reminder["Subject"].startswith("Demain")
    cancel = _link(reminder, f"tickets/{guest.ticket}/cancel/")

    smtp_inbox.messages.clear()
    assert client.get(cancel).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(cancel, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Votre inscription a été annulée" in page.content.decode()
    guest.refresh_from_db()
    assert guest.status == "cancelled"
    promoted = Registration.objects.get(event=event, user=cast.owner)
    assert promoted.status == "confirmed", "the freed seat went to the waiting list"
    assert Event.objects.get(pk=event.pk).confirmed == 1
    assert [m["To"] for m in smtp_inbox.messages] == [cast.owner.email]


@pytest.mark.parametrize(
    ("language", "subject_start", "sentence"),
    [
        ("fr", "Confirmez votre inscription", "aucune place ne vous est réservée"),
        ("ar", "أكّد تسجيلك", "لا يُحجز لك أي مقعد"),
        ("en", "Confirm your registration", "until then no seat is held for you"),
    ],
)
def test_the_confirmation_e_mail_is_in_the_language_of_the_page(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language, subject_start, sentence
):
    event = make_event(cast.site, title="Atelier pitch")
    with django_capture_on_commit_callbacks(execute=True):
        _join(Client(), event, language=language)
    [message] = smtp_inbox.messages
    assert (
        str(message["Subject"]).strip().startswith(subject_start)
        and "Atelier pitch" in message["Subject"]
    )
    assert sentence in _text(message)
    assert Registration.objects.get(event=event).language == language


def test_an_expired_or_forged_confirmation_link_is_refused(cast, monkeypatch):
    event = make_event(cast.site)
    guest = services.guest_registration_create(
        event=event, name="Hind", email="hind@example.org", language="en"
    )
    token = services.guest_confirm_token(guest)
    client = Client()
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.post(f"/community/join/{forged}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    monkeypatch.setattr(services, "GUEST_CONFIRM_MAX_AGE", -1)
    response = client.post(f"/community/join/{token}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    guest.refresh_from_db()
    assert guest.status == "unconfirmed"
    assert Event.objects.get(pk=event.pk).confirmed == 0


def test_one_active_registration_per_guest_e_mail(cast):
    event = make_event(cast.site)
    first = services.guest_registration_create(
        event=event, name="Hind", email="hind@example.org", language="en"
    )
    services.guest_registration_confirm(token=services.guest_confirm_token(first))
    page = _join(Client(), event, email="HIND@example.org")
    assert page.status_code == 200
    assert "already registered" in page.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_a_bot_filling_the_honeypot_gets_a_neutral_answer_and_nothing_is_saved(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    event = make_event(cast.site)
    with django_capture_on_commit_callbacks(execute=True):
        page = _join(Client(), event, website="https://spam.example")
    assert page.status_code == 200
    assert "Check your e-mail" in page.content.decode()
    assert not Registration.objects.exists()
    assert smtp_inbox.messages == []


def test_the_public_form_is_rate_limited_per_e_mail_and_per_address(cast, settings):
    settings.COMMUNITY_GUEST_RATE_LIMITS = {"ip": "3/h", "email": "1/h"}
    event = make_event(cast.site)
    other = make_event(cast.site, title="Autre")
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert _join(client, event).status_code == 200
    again = _join(client, other)  # the same e-mail again
    assert again.status_code == 429
    assert "Too many registrations" in again.content.decode()
    assert Registration.objects.count() == 1
    assert _join(client, other, email="b@example.org").status_code == 200
    assert _join(client, other, email="c@example.org").status_code == 429  # 4th from here
    assert Registration.objects.count() == 2
    # another address is not held back
    assert (
        _join(Client(REMOTE_ADDR="198.51.100.8"), other, email="d@example.org").status_code == 200
    )


def test_the_rate_limit_message_is_translated(cast, settings):
    settings.COMMUNITY_GUEST_RATE_LIMITS = {"ip": "0/h", "email": "5/h"}
    event = make_event(cast.site)
    page = _join(Client(), event, language="ar")
    assert page.status_code == 429
    assert "محاولات تسجيل كثيرة" in page.content.decode()
    assert not Registration.objects.exists()


def test_a_residents_event_has_no_guest_form(cast):
    event = make_event(cast.site, audience="residents")
    assert Client().get(f"/community/events/{event.pk}/join/").status_code == 404
    assert _join(Client(), event).status_code == 404
    assert not Registration.objects.exists()


def test_the_public_event_page_offers_registration_without_an_account(cast):
    event = make_event(cast.site)
    page = Client().get(f"/community/events/{event.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert f"/community/events/{event.pk}/join/" in page.content.decode()
    form = Client().get(f"/community/events/{event.pk}/join/", HTTP_ACCEPT_LANGUAGE="en")
    html = form.content.decode()
    for field in ("id_name", "id_email", "id_website"):
        assert f'for="{field}"' in html, f"{field} has a label"


# --- Staff are told of a registration awaiting approval ------------------------------------


@pytest.mark.parametrize(
    ("language", "subject_start", "sentence"),
    [
        ("fr", "Une inscription attend votre accord", "a besoin de votre accord"),
        ("ar", "تسجيل ينتظر موافقتك", "إلى موافقتك"),
        ("en", "A registration awaits your approval", "needs your approval"),
    ],
)
def test_the_site_managers_and_the_organiser_are_told_of_a_pending_registration(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language, subject_start, sentence
):
    cast.site_manager.language = language
    cast.site_manager.save(update_fields=["language"])
    event = make_event(cast.site, title="Demo day", requires_approval=True, created_by=cast.officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, user=cast.owner)
    to_manager = next(m for m in smtp_inbox.messages if m["To"] == cast.site_manager.email)
    assert str(to_manager["Subject"]).strip().startswith(subject_start)
    assert sentence in _text(to_manager)
    assert _link(to_manager, f"events/{event.pk}/manage/")
    assert cast.officer.email in {m["To"] for m in smtp_inbox.messages}, "the organiser too"
    assert cast.other_site_staff.email not in {m["To"] for m in smtp_inbox.messages}


def test_a_guest_awaiting_approval_is_announced_to_staff_once_confirmed(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    event = make_event(cast.site, requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        guest = services.guest_registration_create(
            event=event, name="Hind", email="hind@example.org", language="en"
        )
    assert cast.site_manager.email not in {m["To"] for m in smtp_inbox.messages}
    with django_capture_on_commit_callbacks(execute=True):
        services.guest_registration_confirm(token=services.guest_confirm_token(guest))
    guest.refresh_from_db()
    assert guest.status == "pending"
    to_manager = next(m for m in smtp_inbox.messages if m["To"] == cast.site_manager.email)
    assert "hind@example.org" in _text(to_manager)
    # approving the guest gives them their ticket by e-mail
    smtp_inbox.messages.clear()
    page = cast.client("site_manager").get(f"/community/events/{event.pk}/manage/?status=pending")
    assert "Hind" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("site_manager").post(
            f"/community/registrations/{guest.pk}/decide/", {"approve": "1"}
        )
    assert [m["To"] for m in smtp_inbox.messages] == ["hind@example.org"]


def test_an_anonymous_api_call_cannot_cancel_a_guests_registration(cast):
    """`DELETE …/registrations/mine` cancels the caller's own registration; an anonymous
    caller has none, and the event's guests (who have no account either) keep their seat."""
    event = make_event(cast.site, capacity=5)
    guest = Registration.objects.create(
        event=event, guest_name="Hind", guest_email="hind@example.org", status="confirmed"
    )
    Event.objects.filter(pk=event.pk).update(confirmed=1)
    answer = Client().delete(f"/api/v1/events/{event.pk}/registrations/mine")
    assert answer.status_code == 404
    guest.refresh_from_db()
    event.refresh_from_db()
    assert (guest.status, event.confirmed) == ("confirmed", 1)
