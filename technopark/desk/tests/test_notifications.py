"""Desk appointments are told through notification_send: a real SMTP server receives the
booker's confirmation (with its invite.ics) and the desk agents' notice, each in the
person's language."""

from __future__ import annotations

import pytest
from django.utils import timezone
from icalendar import Calendar

from technopark.core import ical
from technopark.desk import services
from technopark.desk.daily import daily
from technopark.desk.tests.factories import make_desk, make_slot
from technopark.notifications.models import Notification
from technopark.notifications.services import preference_set

# (language, booker's subject start, agent's subject start, a sentence of the body)
LANGUAGES = [
    ("ar", "تم حجز موعدكم في شباك", "موعد جديد: Own Startup", "الوثائق المطلوبة"),
    ("fr", "Votre rendez-vous au guichet", "Nouveau rendez-vous : Own Startup", "Pièces à fournir"),
    ("en", "Your appointment at the", "New appointment: Own Startup", "What to bring"),
]


@pytest.fixture
def desk(cast):
    desk = make_desk(cast.site)
    desk.email = "ompic@example.ma"
    desk.save(update_fields=["email"])
    return desk


@pytest.fixture
def service(desk):
    return desk.services.get()


def _subject(message) -> str:
    return " ".join(str(message["Subject"]).split())


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])


def _to(inbox, user):
    return [m for m in inbox.messages if m["To"] == user.email]


def _invite(message):
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "one invite.ics"
    assert parts[0].get_filename() == "invite.ics"
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    [event] = calendar.walk("VEVENT")
    return calendar, event


@pytest.mark.parametrize(("language", "subject", "agent_subject", "sentence"), LANGUAGES)
def test_booking_confirms_with_an_invitation_and_tells_the_desk_agent(
    cast,
    desk,
    service,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    language,
    subject,
    agent_subject,
    sentence,
):
    _speak(cast.owner, language)
    _speak(cast.desk_agent, language)
    slot = make_slot(desk, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").post(
            "/api/v1/appointments",
            {"slot": slot.pk, "service": service.code, "note": "Marque Atlas"},
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    appointment_id = response.json()["id"]
    [mine] = _to(smtp_inbox, cast.owner)
    assert _subject(mine).startswith(subject)
    text = mine.get_body(("plain",)).get_content()
    assert sentence in text
    assert ('dir="rtl"' in mine.get_body(("html",)).get_content()) == (language == "ar")
    calendar, event = _invite(mine)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == ical.uid_for("desk-appointment", appointment_id)
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == slot.starts_at
    assert f"mailto:{cast.owner.email}" in str(event["ATTENDEE"])
    assert "mailto:ompic@example.ma" in str(event["ORGANIZER"])

    [agents] = _to(smtp_inbox, cast.desk_agent)
    assert _subject(agents).startswith(agent_subject)
    assert "Marque Atlas" in agents.get_body(("plain",)).get_content()
    assert not list(agents.iter_attachments())
    assert Notification.objects.get(user=cast.owner).kind == "desk.booked"
    assert Notification.objects.get(user=cast.desk_agent).kind == "desk.agent_booked"


@pytest.mark.parametrize(
    ("language", "subject", "agent_subject"),
    [
        ("ar", "تم إلغاء موعدكم في شباك", "إلغاء موعد: Own Startup"),
        ("fr", "Votre rendez-vous au guichet", "Rendez-vous annulé : Own Startup"),
        ("en", "Your appointment at the", "Appointment cancelled: Own Startup"),
    ],
)
def test_a_cancel_by_the_booker_withdraws_the_invitation_and_tells_the_agent(
    cast,
    desk,
    service,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    language,
    subject,
    agent_subject,
):
    _speak(cast.owner, language)
    _speak(cast.desk_agent, language)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = services.appointment_book(
            slot=make_slot(desk), service=service, startup=cast.own, by=cast.owner
        )
    _, booked = _invite(_to(smtp_inbox, cast.owner)[0])
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").delete(f"/api/v1/appointments/{appointment.pk}")
    assert response.status_code == 204
    [mine] = _to(smtp_inbox, cast.owner)
    assert _subject(mine).startswith(subject)
    calendar, cancel = _invite(mine)
    assert calendar["METHOD"] == "CANCEL"
    assert str(cancel["UID"]) == str(booked["UID"])
    assert int(cancel["SEQUENCE"]) > int(booked["SEQUENCE"])
    assert str(cancel["STATUS"]) == "CANCELLED"
    [agents] = _to(smtp_inbox, cast.desk_agent)
    assert _subject(agents).startswith(agent_subject)


def test_a_cancel_by_the_desk_tells_the_booker_with_a_cancel_and_not_the_agent_who_did_it(
    french, cast, desk, service, smtp_inbox, django_capture_on_commit_callbacks
):
    cast.desk_agent  # noqa: B018 - the desk's agent exists before the booking
    with django_capture_on_commit_callbacks(execute=True):
        appointment = services.appointment_book(
            slot=make_slot(desk), service=service, startup=cast.own, by=cast.owner
        )
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("desk_agent").post(f"/desk/appointments/{appointment.pk}/cancel/")
    assert response.status_code == 302
    [mine] = smtp_inbox.messages
    assert mine["To"] == cast.owner.email
    assert "a annulé votre rendez-vous" in mine.get_body(("plain",)).get_content()
    calendar, _event = _invite(mine)
    assert calendar["METHOD"] == "CANCEL"


@pytest.mark.parametrize(
    ("language", "subject", "agent_subject"),
    [
        ("ar", "تم تغيير موعدكم في شباك", "تغيير موعد: Own Startup"),
        ("fr", "Votre rendez-vous au guichet", "Rendez-vous déplacé : Own Startup"),
        ("en", "Your appointment at the", "Appointment moved: Own Startup"),
    ],
)
def test_moving_sends_the_invitation_again_with_the_same_uid_and_a_higher_sequence(
    cast,
    desk,
    service,
    smtp_inbox,
    django_capture_on_commit_callbacks,
    language,
    subject,
    agent_subject,
):
    _speak(cast.owner, language)
    _speak(cast.desk_agent, language)
    first, later = make_slot(desk, hour=10), make_slot(desk, hour=15)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = services.appointment_book(
            slot=first, service=service, startup=cast.own, by=cast.owner
        )
    _, booked = _invite(_to(smtp_inbox, cast.owner)[0])
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").post(
            f"/api/v1/appointments/{appointment.pk}/move",
            {"slot": later.pk},
            content_type="application/json",
        )
    assert response.status_code == 200, response.content
    first.refresh_from_db()
    later.refresh_from_db()
    assert (first.booked, later.booked) == (0, 1)
    [mine] = _to(smtp_inbox, cast.owner)
    assert _subject(mine).startswith(subject)
    assert "15:00" in _subject(mine)
    calendar, moved = _invite(mine)
    assert calendar["METHOD"] == "REQUEST"
    assert str(moved["UID"]) == str(booked["UID"])
    assert int(moved["SEQUENCE"]) > int(booked["SEQUENCE"])
    assert moved.decoded("DTSTART") == later.starts_at
    [agents] = _to(smtp_inbox, cast.desk_agent)
    assert _subject(agents).startswith(agent_subject)


def test_a_move_to_a_full_slot_is_refused_and_nobody_is_told(
    cast, desk, service, smtp_inbox, django_capture_on_commit_callbacks
):
    full = make_slot(desk, hour=15, capacity=1)
    services.appointment_book(slot=full, service=service, startup=cast.other, by=cast.other_member)
    appointment = services.appointment_book(
        slot=make_slot(desk), service=service, startup=cast.own, by=cast.owner
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("owner").post(
            f"/api/v1/appointments/{appointment.pk}/move",
            {"slot": full.pk},
            content_type="application/json",
        )
    assert response.status_code == 409
    assert not smtp_inbox.messages


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("ar", "تذكير: موعدكم غدًا في شباك"),
        ("fr", "Rappel : votre rendez-vous demain au guichet"),
        ("en", "Reminder: your appointment tomorrow at the"),
    ],
)
def test_the_reminder_the_day_before_comes_in_the_bookers_language(
    cast, desk, service, smtp_inbox, django_capture_on_commit_callbacks, language, subject
):
    _speak(cast.owner, language)
    services.appointment_book(
        slot=make_slot(desk, day_offset=1), service=service, startup=cast.own, by=cast.owner
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert daily(timezone.localdate()) == "1 appointment reminders"
    [message] = smtp_inbox.messages
    assert message["To"] == cast.owner.email
    assert _subject(message).startswith(subject)
    calendar, _event = _invite(message)
    assert calendar["METHOD"] == "REQUEST"


def test_reminders_and_agents_notices_turned_off_stay_in_the_app(
    cast, desk, service, smtp_inbox, django_capture_on_commit_callbacks
):
    preference_set(user=cast.owner, kind="desk.reminder", choice="off")
    preference_set(user=cast.desk_agent, kind="desk.agent_booked", choice="off")
    # A mandatory kind cannot be turned off: the confirmation still comes.
    preference_set(user=cast.owner, kind="desk.booked", choice="off")
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_book(
            slot=make_slot(desk, day_offset=1), service=service, startup=cast.own, by=cast.owner
        )
        daily(timezone.localdate())
    assert [m["To"] for m in smtp_inbox.messages] == [cast.owner.email]
    assert set(Notification.objects.values_list("user__email", "kind")) == {
        (cast.owner.email, "desk.booked"),
        (cast.owner.email, "desk.reminder"),
        (cast.desk_agent.email, "desk.agent_booked"),
    }
