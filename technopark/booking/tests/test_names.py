"""A founder who reads Arabic gets the room and the site named in Arabic: in the e-mail,
its subject and its calendar invitation (names staff translated; French when they did not);
the bookings' export is written in the language asked, right to left in Arabic."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from icalendar import Calendar
from openpyxl import load_workbook

from technopark.booking.services import booking_create
from technopark.booking.tests.conftest import at

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
URL = re.compile(r"https?://\S+")


def arabic_share(text: str) -> float:
    """The share of the letters of `text` that are Arabic (links left out)."""
    letters = [c for c in URL.sub("", text) if c.isalpha()]
    return sum(bool(ARABIC_LETTER.match(c)) for c in letters) / len(letters)


def _book(cast, room, day, hour, smtp_inbox, capture):
    before = len(smtp_inbox.messages)
    with capture(execute=True):
        response = cast.client("owner").post(
            "/api/v1/bookings",
            {
                "site": cast.site.code,
                "space": room.code,
                "starts_at": at(day, hour).isoformat(),
                "ends_at": at(day, hour + 1).isoformat(),
                "title": "اجتماع المستثمرين",
            },
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="fr",  # the page's language is not the reader's
        )
    assert response.status_code == 201, response.content
    assert len(smtp_inbox.messages) == before + 1
    message = smtp_inbox.messages[-1]
    subject = str(message["Subject"]).strip()
    text = message.get_body(("plain",)).get_content()
    (invite,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    (event,) = Calendar.from_ical(invite.get_payload(decode=True)).walk("VEVENT")
    return subject, text, str(event["LOCATION"])


@pytest.fixture
def translated(cast, room):
    def name(ar: str, en: str) -> None:
        cast.site.name_ar, cast.site.name_en = "تكنوبارك الدار البيضاء", "Technopark Casablanca"
        cast.site.save(update_fields=["name_ar", "name_en"])
        room.name_ar, room.name_en = ar, en
        room.save(update_fields=["name_ar", "name_en"])

    room.name = "Salle de réunion 1"
    room.save(update_fields=["name"])
    return name


def test_an_arabic_booking_confirmation_names_the_room_and_site_in_arabic(
    cast, room, day, smtp_inbox, django_capture_on_commit_callbacks, translated
):
    cast.owner.language = "ar"
    cast.owner.save(update_fields=["language"])
    # Before staff translate: the French names, as the e-mail was before.
    subject, text, location = _book(
        cast, room, day, 9, smtp_inbox, django_capture_on_commit_callbacks
    )
    assert "Salle de réunion 1" in subject
    untranslated = arabic_share(subject + "\n" + text)

    translated("قاعة الاجتماعات 1", "Meeting room 1")
    subject, text, location = _book(
        cast, room, day, 11, smtp_inbox, django_capture_on_commit_callbacks
    )
    assert subject.startswith("تأكيد الحجز: قاعة الاجتماعات 1")
    assert "قاعة الاجتماعات 1" in text
    assert "تكنوبارك الدار البيضاء" in text
    assert "Salle de réunion" not in subject + text
    assert location == "قاعة الاجتماعات 1, تكنوبارك الدار البيضاء"
    share = arabic_share(subject + "\n" + text)
    assert share >= 0.97, (untranslated, share)
    assert share > untranslated + 0.1


def test_an_english_reader_gets_english_names_and_french_where_none_was_given(
    cast, room, day, smtp_inbox, django_capture_on_commit_callbacks, translated
):
    cast.owner.language = "en"
    cast.owner.save(update_fields=["language"])
    translated("قاعة الاجتماعات 1", "")  # no English name for the room yet
    subject, text, location = _book(
        cast, room, day, 9, smtp_inbox, django_capture_on_commit_callbacks
    )
    assert subject.startswith("Booking confirmed: Salle de réunion 1")
    assert "Site: Technopark Casablanca" in text
    assert location == "Salle de réunion 1, Technopark Casablanca"


def _export(cast, params: str):
    return cast.client("site_manager").get(
        f"/booking/list/?when=all&{params}", HTTP_ACCEPT_LANGUAGE="fr"
    )


def test_the_bookings_export_is_written_in_the_language_asked_right_to_left_in_arabic(
    cast, room, day, translated
):
    translated("قاعة الاجتماعات 1", "Meeting room 1")
    booking_create(
        space=room, starts_at=at(day, 9), ends_at=at(day, 10), title="Comité", by=cast.owner
    )
    response = _export(cast, "export=xlsx&language=ar")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.sheet_view.rightToLeft is True
    rows = list(sheet.iter_rows(values_only=True))
    with translation.override("ar"):
        arabic = [translation.gettext("Room"), translation.gettext("Status")]
    with translation.override("fr"):
        french = translation.gettext("Room")
    assert arabic[0] != french  # the Arabic catalogue translates it
    assert arabic[0] in rows[0] and arabic[1] in rows[0] and french not in rows[0]
    assert rows[1][rows[0].index(arabic[0])] == "قاعة الاجتماعات 1"

    # Without the parameter: the interface's language, left to right.
    sheet = load_workbook(io.BytesIO(_export(cast, "export=xlsx").content)).active
    assert not sheet.sheet_view.rightToLeft
    assert french in next(sheet.iter_rows(values_only=True))

    english = _export(cast, "export=csv&language=en")
    text = b"".join(english.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].split(";")[4] == "Room" and "Meeting room 1" in text

    refused = _export(cast, "export=csv&language=de")
    assert refused.status_code == 400
    assert "fr, ar, en" in refused.content.decode()
