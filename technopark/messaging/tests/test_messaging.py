"""Writing to a selection: who gets which language, once, and only one's own people."""

from __future__ import annotations

from technopark.community.tests.factories import make_event, register
from technopark.core.models import Action
from technopark.house.testing import UserFactory
from technopark.messaging.models import Message, Recipient
from technopark.notifications.models import EmailLog, Notification


def _attendees(cast):
    event = make_event(cast.site, capacity=10)
    people = {
        lang: UserFactory(email=f"{lang}@example.ma", language=lang) for lang in ("fr", "ar", "en")
    }
    regs = {lang: register(event, user) for lang, user in people.items()}
    return event, people, regs


def _form(event, key="m1", **extra):
    data = {
        "audience": "event",
        "event": event.pk,
        "presence": "",
        "subject_fr": "Changement de salle",
        "body_fr": "L'atelier aura lieu en salle Atlas.",
        "subject_ar": "تغيير القاعة",
        "body_ar": "ستقام الورشة في قاعة الأطلس.",
        "key": key,
    }
    data.update(extra)
    return data


def test_each_reader_gets_their_language_else_french(cast):
    event, people, _ = _attendees(cast)
    client = cast.client("site_manager")
    preview = client.post("/messages/new/", {**_form(event), "preview": "1"}).content.decode()
    assert "3 people will get it" in preview
    assert 'data-lang="fr"' in preview and 'data-lang="ar"' in preview
    assert 'data-lang="en"' not in preview  # English was not written: French for them
    response = client.post("/messages/new/", {**_form(event), "send": "1"})
    assert response.status_code == 302
    message = Message.objects.get()
    got = dict(Recipient.objects.values_list("user__email", "language"))
    assert got == {"fr@example.ma": "fr", "ar@example.ma": "ar", "en@example.ma": "fr"}
    assert Notification.objects.get(user=people["ar"]).title == "تغيير القاعة"
    assert Notification.objects.get(user=people["en"]).title == "Changement de salle"
    assert EmailLog.objects.filter(kind="messaging.message").count() == 3
    action = Action.objects.get(name="message.sent")
    assert action.actor_id == cast.site_manager.pk and action.object_id == str(message.pk)
    page = client.get(f"/messages/{message.pk}/").content.decode()
    assert "3 recipients" in page and 'data-recipient="ar@example.ma"' in page


def test_a_double_click_sends_once(cast):
    event, _, _ = _attendees(cast)
    client = cast.client("site_manager")
    client.post("/messages/new/", {**_form(event), "send": "1"})
    client.post("/messages/new/", {**_form(event), "send": "1"})
    assert Message.objects.count() == 1
    assert Notification.objects.filter(kind="messaging.message").count() == 3


def test_by_check_in_status(cast):
    event, people, regs = _attendees(cast)
    from django.utils import timezone

    regs["ar"].checked_in_at = timezone.now()
    regs["ar"].save()
    client = cast.client("site_manager")
    client.post("/messages/new/", {**_form(event, presence="absent"), "send": "1"})
    assert set(Recipient.objects.values_list("user__email", flat=True)) == {
        "fr@example.ma",
        "en@example.ma",
    }


def test_no_writing_to_another_sites_people(cast):
    event, _, _ = _attendees(cast)
    other = cast.client("other_site_staff")
    page = other.post("/messages/new/", {**_form(event), "send": "1"})
    assert page.status_code == 200 and not Message.objects.exists()
    assert cast.client("owner").get("/messages/new/").status_code == 403
    assert cast.client("owner").get("/messages/").status_code == 403


def test_french_is_required(cast):
    event, _, _ = _attendees(cast)
    client = cast.client("site_manager")
    client.post("/messages/new/", {**_form(event, subject_fr="", body_fr=""), "send": "1"})
    assert not Message.objects.exists()


def test_write_to_a_selection_made_in_a_list(cast):
    event, people, regs = _attendees(cast)
    client = cast.client("site_manager")
    url = f"/bulk/community.registrations/{event.pk}/"
    response = client.post(url, {"action": "write", "ids": [regs["fr"].pk, regs["ar"].pk]})
    assert response.status_code == 302 and "audience=selection" in response["Location"]
    data = _form(event, audience="selection")
    client.post("/messages/new/", {**data, "send": "1"})
    assert set(Recipient.objects.values_list("user__email", flat=True)) == {
        "fr@example.ma",
        "ar@example.ma",
    }
