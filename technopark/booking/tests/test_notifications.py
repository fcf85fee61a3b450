"""Booking e-mails go through notification_send: a real SMTP server receives them in the
booker's language."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from technopark.booking.models import Booking, BookingRule
from technopark.booking.services import booking_approve, booking_create, booking_decline
from technopark.booking.tests.conftest import at
from technopark.notifications.models import Notification


@pytest.mark.parametrize(
    ("language", "subject_start", "body_text"),
    [
        ("ar", "تأكيد الحجز", "الأوقات بتوقيت الدار البيضاء."),
        ("fr", "Réservation confirmée", "Les horaires sont à l'heure de Casablanca."),
        ("en", "Booking confirmed", "Times are in Casablanca time."),
    ],
)
def test_a_founder_booking_through_the_api_gets_the_confirmation_in_their_language(
    cast,
    room,
    day,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    language,
    subject_start,
    body_text,
):
    cast.owner.language = language
    cast.owner.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").post(
            "/api/v1/bookings",
            {
                "site": cast.site.code,
                "space": room.code,
                "starts_at": at(day, 10).isoformat(),
                "ends_at": at(day, 11).isoformat(),
                "title": "Réunion investisseurs",
            },
            content_type="application/json",
        )
    assert response.status_code == 201
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == cast.owner.email
    assert str(message["Subject"]).strip().startswith(subject_start)
    assert "Salle Atlas" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert body_text in text
    assert "Réunion investisseurs" in text
    html = message.get_body(("html",)).get_content()
    assert ('dir="rtl"' in html) == (language == "ar")
    assert Notification.objects.get(user=cast.owner).kind == "booking.confirmed"


def _invitation(message) -> tuple[str, Calendar]:
    """(the part's method parameter, parsed calendar) of the invite.ics a message carries."""
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "the e-mail carries one calendar invitation"
    part = parts[0]
    assert part.get_filename() == "invite.ics"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    return part.get_param("method"), calendar


def _event(calendar: Calendar):
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


def test_the_confirmation_invites_to_the_booking_and_the_cancel_withdraws_it(
    cast, room, day, smtp_inbox, django_capture_on_commit_callbacks
):
    client = cast.client("owner")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/bookings",
            {
                "site": cast.site.code,
                "space": room.code,
                "starts_at": at(day, 10).isoformat(),
                "ends_at": at(day, 11).isoformat(),
                "title": "Réunion investisseurs",
            },
            content_type="application/json",
        )
    assert response.status_code == 201
    booking = Booking.objects.get(pk=response.json()["id"])
    method, calendar = _invitation(smtp_inbox.messages[0])
    assert method == "REQUEST"
    assert calendar["METHOD"] == "REQUEST"
    invite = _event(calendar)
    assert str(invite["UID"]) == f"{booking.uid}@technopark.ma"
    assert str(invite["SUMMARY"]) == "Réunion investisseurs"
    assert invite.decoded("DTSTART") == at(day, 10)
    assert f"mailto:{cast.owner.email}" in str(invite["ATTENDEE"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/bookings/{booking.pk}")
    assert response.status_code == 204
    assert len(smtp_inbox.messages) == 2
    method, calendar = _invitation(smtp_inbox.messages[1])
    assert method == "CANCEL"
    assert calendar["METHOD"] == "CANCEL"
    cancel = _event(calendar)
    assert str(cancel["UID"]) == str(invite["UID"])
    assert int(cancel["SEQUENCE"]) > int(invite["SEQUENCE"])
    assert str(cancel["STATUS"]) == "CANCELLED"


def test_a_hall_request_carries_no_invitation_until_approved_and_a_decline_cancels_it(
    cast, room, day, smtp_inbox, django_capture_on_commit_callbacks
):
    BookingRule.objects.create(space=room, needs_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = booking_create(
            space=room, starts_at=at(day, 9), ends_at=at(day, 12), title="Atelier", by=cast.owner
        )
        second = booking_create(
            space=room, starts_at=at(day, 14), ends_at=at(day, 16), title="Démo", by=cast.owner
        )
    assert len(smtp_inbox.messages) == 2
    for message in smtp_inbox.messages:
        assert not [p for p in message.walk() if p.get_content_type() == "text/calendar"]

    with django_capture_on_commit_callbacks(execute=True):
        booking_approve(booking=first, by=cast.site_manager)
        booking_decline(
            booking=second, reason="Salle réservée à un événement", by=cast.site_manager
        )
    assert len(smtp_inbox.messages) == 4
    _, approved = _invitation(smtp_inbox.messages[2])
    assert approved["METHOD"] == "REQUEST"
    assert str(_event(approved)["UID"]) == f"{first.uid}@technopark.ma"
    _, declined = _invitation(smtp_inbox.messages[3])
    assert declined["METHOD"] == "CANCEL"
    assert str(_event(declined)["UID"]) == f"{second.uid}@technopark.ma"
    assert int(_event(declined)["SEQUENCE"]) >= 1
