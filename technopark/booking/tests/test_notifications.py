"""Booking e-mails go through notification_send: a real SMTP server receives them in the
booker's language."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from technopark.booking.tests.conftest import at
from technopark.notifications.models import Notification


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


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
