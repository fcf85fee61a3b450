"""Registration e-mails go through notification_send: a real SMTP server receives them in
the person's language, with the ticket's calendar invitation."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from technopark.community import services
from technopark.community.tests.factories import make_event
from technopark.notifications.models import Notification


def _invitation(message):
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, "one invite.ics"
    return Calendar.from_ical(parts[0].get_content())


@pytest.mark.parametrize(
    ("language", "subject_start", "sentence"),
    [
        ("ar", "تم تأكيد مقعدك", "الأوقات بتوقيت الدار البيضاء."),
        ("fr", "Votre place est confirmée", "Les horaires sont à l'heure de Casablanca."),
        ("en", "Your seat is confirmed", "Times are in Casablanca time."),
    ],
)
def test_a_registration_is_confirmed_by_e_mail_in_the_persons_language_with_the_ticket(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language, subject_start, sentence
):
    cast.owner.language = language
    cast.owner.save(update_fields=["language"])
    event = make_event(cast.site, title="Atelier pitch")
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(event=event, user=cast.owner)
    [message] = smtp_inbox.messages
    assert message["To"] == cast.owner.email
    assert message["Subject"].startswith(subject_start) and "Atelier pitch" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert sentence in text
    assert f"/community/tickets/{registration.ticket}/" in text
    invite = _invitation(message)
    assert invite["METHOD"] == "REQUEST"
    assert Notification.objects.filter(user=cast.owner, kind="community.confirmed").exists()


def test_the_event_cancelled_reaches_every_attendee_with_a_cancel(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    event = make_event(cast.site, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        seated = services.registration_create(event=event, user=cast.owner)
        services.registration_create(event=event, user=cast.colleague)  # waiting list
    confirmed_uid = str(_invitation(smtp_inbox.messages[0]).walk("VEVENT")[0]["UID"])
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=cast.site_manager)
    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted(
        [cast.owner.email, cast.colleague.email]
    )
    to_owner = next(m for m in smtp_inbox.messages if m["To"] == cast.owner.email)
    cancel = _invitation(to_owner)
    assert cancel["METHOD"] == "CANCEL"
    vevent = cancel.walk("VEVENT")[0]
    assert str(vevent["UID"]) == confirmed_uid
    assert int(vevent["SEQUENCE"]) >= seated.ical_sequence


def test_someone_who_turned_waiting_list_e_mails_off_still_sees_it_in_the_app(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    from technopark.notifications.services import preference_set

    preference_set(user=cast.colleague, kind="community.waitlisted", choice="off")
    event = make_event(cast.site, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, user=cast.owner)
        services.registration_create(event=event, user=cast.colleague)
    assert [m["To"] for m in smtp_inbox.messages] == [cast.owner.email]
    assert Notification.objects.filter(user=cast.colleague, kind="community.waitlisted").exists()
