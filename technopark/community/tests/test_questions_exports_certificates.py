"""Registration questions (asked to members and guests, shown on the attendance list), the
attendance list's Excel and CSV exports, and the certificate of attendance."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from technopark.community import services
from technopark.community.certificates import certificate_html
from technopark.community.models import Answer, Question, Registration
from technopark.community.tests.factories import make_event, register


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event_with_questions(cast):
    event = make_event(cast.site, title="Hackathon")
    services.question_add(
        event=event, label="Your company", kind="text", required=True, by=cast.site_manager
    )
    services.question_add(
        event=event,
        label="Meal",
        kind="choice",
        options="Vegetarian\nStandard\n",
        by=cast.site_manager,
    )
    services.question_add(
        event=event, label="Photos allowed?", kind="yes_no", required=True, by=cast.site_manager
    )
    return event


def _q(event, label) -> str:
    return f"q{event.questions.get(label=label).pk}"


def test_staff_add_questions_from_the_registration_page(cast):
    event = make_event(cast.site)
    client = cast.client("site_manager")
    client.post(
        f"/community/events/{event.pk}/questions/",
        {"label": "T-shirt size", "kind": "choice", "options": "S\nM\nL", "required": "on"},
    )
    question = Question.objects.get(event=event)
    assert (question.option_list, question.required) == (["S", "M", "L"], True)
    client.post(f"/community/events/{event.pk}/questions/", {"label": "Why?", "kind": "choice"})
    assert event.questions.count() == 1, "a choice needs its options"
    assert (
        cast.client("other_site_staff")
        .post(f"/community/events/{event.pk}/questions/", {"label": "X", "kind": "text"})
        .status_code
        == 404
    )
    client.post(f"/community/questions/{question.pk}/remove/")
    assert not event.questions.exists()


def test_a_member_must_answer_the_required_questions(cast, event_with_questions):
    event = event_with_questions
    client = cast.client("owner")
    page = client.get(f"/community/events/{event.pk}/").content.decode()
    assert "Your company" in page and "Vegetarian" in page
    client.post(f"/community/events/{event.pk}/register/", {_q(event, "Meal"): "Standard"})
    assert not Registration.objects.filter(event=event).exists()
    client.post(
        f"/community/events/{event.pk}/register/",
        {_q(event, "Your company"): "Own Startup", _q(event, "Photos allowed?"): "no"},
    )
    registration = Registration.objects.get(event=event, user=cast.owner)
    assert {a.question.label: a.value for a in registration.answers.all()} == {
        "Your company": "Own Startup",
        "Photos allowed?": "no",
    }


def test_a_guest_must_answer_the_required_questions_and_an_unknown_option_is_refused(
    cast, event_with_questions
):
    event = event_with_questions
    base = {"name": "Hind Alaoui", "email": "hind@example.org", "website": ""}
    url = f"/community/events/{event.pk}/join/"
    page = Client().post(url, base, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "This field is required" in page.content.decode()
    page = Client().post(
        url,
        {
            **base,
            _q(event, "Your company"): "Atlas",
            _q(event, "Photos allowed?"): "yes",
            _q(event, "Meal"): "Caviar",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert not Registration.objects.exists()
    Client().post(
        url,
        {
            **base,
            _q(event, "Your company"): "Atlas",
            _q(event, "Photos allowed?"): "yes",
            _q(event, "Meal"): "Vegetarian",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    guest = Registration.objects.get(event=event)
    assert sorted(guest.answers.values_list("value", flat=True)) == ["Atlas", "Vegetarian", "yes"]
    with pytest.raises(services.DomainError):
        services.registration_create(event=event, user=cast.colleague, answers={})


def _answered(event, registration, **values):
    for label, value in values.items():
        Answer.objects.create(
            registration=registration, question=event.questions.get(label=label), value=value
        )


def test_the_attendance_list_and_its_excel_export_show_guests_and_answers(
    cast, event_with_questions
):
    event = event_with_questions
    member = register(event, cast.owner)
    _answered(event, member, **{"Your company": "Own Startup", "Photos allowed?": "yes"})
    guest = services.guest_registration_create(
        event=event,
        name="Hind Alaoui",
        email="hind@example.org",
        language="ar",
        answers={
            event.questions.get(label="Your company").pk: "Atlas",
            event.questions.get(label="Photos allowed?").pk: "no",
            event.questions.get(label="Meal").pk: "Vegetarian",
        },
    )
    services.guest_registration_confirm(token=services.guest_confirm_token(guest))
    client = cast.client("site_manager")
    page = client.get(f"/community/events/{event.pk}/manage/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Hind Alaoui" in html and "Atlas" in html and "Vegetarian" in html
    response = client.get(
        f"/community/events/{event.pk}/manage/?export=xlsx", HTTP_ACCEPT_LANGUAGE="en"
    )
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:3] == ("Person", "E-mail", "Guest") or list(header[:3]) == [
        "Person",
        "E-mail",
        "Guest",
    ]
    assert {"Your company", "Meal", "Photos allowed?"} <= set(header)
    by_email = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_email["hind@example.org"]["Guest"] == "Yes"
    assert by_email["hind@example.org"]["Your company"] == "Atlas"
    assert by_email["hind@example.org"]["Meal"] == "Vegetarian"
    assert by_email["hind@example.org"]["Photos allowed?"] == "No"
    assert by_email[cast.owner.email]["Guest"] == "No"
    assert by_email[cast.owner.email]["Your company"] == "Own Startup"
    csv = client.get(f"/community/events/{event.pk}/manage/?export=csv", HTTP_ACCEPT_LANGUAGE="en")
    text = b"".join(csv.streaming_content).decode()
    assert "hind@example.org" in text and "Atlas" in text
    assert (
        cast.client("other_site_staff")
        .get(f"/community/events/{event.pk}/manage/?export=xlsx")
        .status_code
        == 404
    )


# --- The certificate of attendance -----------------------------------------------------------


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_certificate_is_only_for_an_attendee_who_was_checked_in(cast):
    event = make_event(cast.site, title="Atelier pitch")
    registration = register(event, cast.owner)
    owner = cast.client("owner")
    url = f"/community/tickets/{registration.ticket}/certificate/"
    assert owner.get(url + "?lang=en").status_code == 404
    services.checkin(registration=registration, by=cast.site_manager)
    assert cast.client("other_member").get(url).status_code == 404, "not their ticket"
    assert Client().get(url).status_code == 302, "a member's ticket asks to log in"
    ticket = owner.get(f"/community/tickets/{registration.ticket}/", HTTP_ACCEPT_LANGUAGE="en")
    assert url in ticket.content.decode()

    response = owner.get(url + "?lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response)
    assert "Certificate of attendance" in text
    assert "Atelier pitch" in text
    assert cast.owner.get_full_name() in text
    french = _pdf_text(owner.get(url + "?lang=fr"))
    assert "Attestation de participation" in french


def test_the_arabic_certificate_reads_right_to_left(cast):
    event = make_event(cast.site, title="Atelier pitch")
    registration = register(event, cast.owner)
    services.checkin(registration=registration, by=cast.site_manager)
    html = certificate_html(Registration.objects.get(pk=registration.pk), "ar")
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "شهادة حضور" in html
    response = cast.client("owner").get(
        f"/community/tickets/{registration.ticket}/certificate/?lang=ar"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_guest_downloads_the_certificate_from_the_follow_up_e_mail(
    cast, smtp_inbox, django_capture_on_commit_callbacks
):
    import re

    event = make_event(cast.site, title="Demo Day")
    guest = services.guest_registration_create(
        event=event, name="Hind Alaoui", email="hind@example.org", language="en"
    )
    services.guest_registration_confirm(token=services.guest_confirm_token(guest))
    url = f"/community/tickets/{guest.ticket}/certificate/"
    assert Client().get(url).status_code == 404, "not before the check-in"
    services.checkin(registration=guest, by=cast.site_manager)
    day_after = timezone.localdate(event.ends_at) + dt.timedelta(days=1)
    smtp_inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registrations_follow_up(today=day_after) == 1
        assert services.registrations_follow_up(today=day_after) == 0, "once"
    [message] = smtp_inbox.messages
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://[^/\s]+(/community/tickets/[^\s]+/certificate/)", text)[1]
    response = Client().get(link + "?lang=en")
    assert response.status_code == 200
    assert "Hind Alaoui" in _pdf_text(response)


@pytest.mark.parametrize(
    ("language", "subject_start", "sentence"),
    [
        ("fr", "Merci de votre venue", "attestation de participation"),
        ("ar", "شكرًا على حضورك", "شهادة الحضور"),
        ("en", "Thank you for coming", "certificate of attendance"),
    ],
)
def test_the_follow_up_is_in_the_attendees_language(
    cast, smtp_inbox, django_capture_on_commit_callbacks, language, subject_start, sentence
):
    cast.owner.language = language
    cast.owner.save(update_fields=["language"])
    event = make_event(cast.site, title="Atelier pitch")
    registration = register(event, cast.owner)
    services.checkin(registration=registration, by=cast.site_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.registrations_follow_up(
            today=timezone.localdate(event.ends_at) + dt.timedelta(days=1)
        )
    [message] = smtp_inbox.messages
    assert str(message["Subject"]).strip().startswith(subject_start)
    assert sentence in message.get_body(("plain",)).get_content()
