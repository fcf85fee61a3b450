"""Events in every language: the Arabic certificate names the event and the site in Arabic
and keeps the attendee's Latin name in order; the event's e-mail names it in the reader's
language."""

from __future__ import annotations

import io

from pypdf import PdfReader

from technopark.community import services
from technopark.community.tests.factories import make_event, register


def _arabic_event(cast):
    cast.site.name_ar = "تكنوبارك الدار البيضاء"
    cast.site.save(update_fields=["name_ar"])
    event = make_event(cast.site, title="Atelier pitch")
    event.title_ar, event.title_en = "ورشة العرض", "Pitch workshop"
    event.save(update_fields=["title_ar", "title_en"])
    return event


def test_the_arabic_certificate_names_the_event_and_site_in_arabic(cast):
    event = _arabic_event(cast)
    registration = register(event, cast.owner)
    services.checkin(registration=registration, by=cast.site_manager)
    response = cast.client("owner").get(
        f"/community/tickets/{registration.ticket}/certificate/?lang=ar"
    )
    assert response.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "ورشة العرض" in text and "تكنوبارك الدار البيضاء" in text
    assert "Atelier pitch" not in text
    assert cast.owner.get_full_name() in text  # a Latin name kept in its order
    english = cast.client("owner").get(
        f"/community/tickets/{registration.ticket}/certificate/?lang=en"
    )
    assert "Pitch workshop" in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(english.content)).pages
    )


def test_the_registration_e_mail_names_the_event_in_the_readers_language(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    event = _arabic_event(cast)
    cast.owner.language = "ar"
    cast.owner.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, user=cast.owner, by=cast.owner)
    (message,) = [m for m in mailoutbox if cast.owner.email in m.to]
    assert "ورشة العرض" in message.subject + message.body
    assert "تكنوبارك الدار البيضاء" in message.body
    assert "Atelier pitch" not in message.subject + message.body
