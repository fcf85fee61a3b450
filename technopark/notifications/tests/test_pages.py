"""A person's notifications page, the bell, and the preferences per kind."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from technopark.notifications.models import Notification, NotificationPreference
from technopark.notifications.services import notification_send


def _notify(user, title: str, **extra) -> Notification:
    return Notification.objects.create(
        user=user, kind="booking.requested", title=title, url="/booking/", **extra
    )


def test_a_person_sees_their_own_notifications_newest_first_and_not_anothers(cast):
    older = _notify(cast.owner, "Demande de salle envoyée")
    newer = _notify(cast.owner, "Réservation confirmée : Salle Atlas")
    Notification.objects.filter(pk=older.pk).update(created=newer.created.replace(year=2020))
    _notify(cast.colleague, "Message pour quelqu'un d'autre")

    page = cast.client("owner").get("/me/notifications/").content.decode()
    assert page.index("Réservation confirmée : Salle Atlas") < page.index(
        "Demande de salle envoyée"
    )
    assert "Message pour quelqu&#x27;un d&#x27;autre" not in page
    assert 'href="/booking/"' in page
    # The bell in the top bar counts the two unread.
    assert 'tp-bell-count" aria-hidden="true">2<' in page

    other = cast.client("colleague").get("/me/notifications/").content.decode()
    assert "Salle Atlas" not in other


def test_marking_one_read_then_all_read(cast):
    first = _notify(cast.owner, "Première")
    second = _notify(cast.owner, "Deuxième")
    client = cast.client("owner")

    response = client.post(f"/me/notifications/{first.pk}/read/")
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    page = client.get("/me/notifications/").content.decode()
    assert 'tp-bell-count" aria-hidden="true">1<' in page

    client.post("/me/notifications/read/")
    assert not Notification.objects.filter(user=cast.owner, read_at__isnull=True).exists()
    page = client.get("/me/notifications/").content.decode()
    assert "tp-bell-count" not in page


def test_marking_read_opens_its_link_when_asked(cast):
    n = _notify(cast.owner, "Réservation confirmée")
    response = cast.client("owner").post(f"/me/notifications/{n.pk}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/booking/"


def test_nobody_marks_another_persons_notification(cast):
    n = _notify(cast.owner, "Privée")
    response = cast.client("colleague").post(f"/me/notifications/{n.pk}/read/")
    assert response.status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_marking_read_needs_a_post_with_csrf(cast):
    from django.test import Client

    n = _notify(cast.owner, "Privée")
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.owner)
    assert client.get(f"/me/notifications/{n.pk}/read/").status_code == 405
    assert client.post(f"/me/notifications/{n.pk}/read/").status_code == 403
    n.refresh_from_db()
    assert n.read_at is None


def test_preferences_list_each_kind_mandatory_ones_fixed(cast):
    page = cast.client("owner").get("/me/notifications/preferences/").content.decode()
    # A kind one may choose for has its three choices; a mandatory one has none.
    assert 'name="booking.requested" value="digest"' in page
    assert 'name="booking.confirmed"' not in page
    assert "Always immediately (required)" in page


def test_a_preference_is_saved_and_off_means_in_app_only(cast, django_capture_on_commit_callbacks):
    client = cast.client("owner")
    response = client.post("/me/notifications/preferences/", {"booking.requested": "off"})
    assert response.status_code == 302
    assert (
        NotificationPreference.objects.get(user=cast.owner, kind="booking.requested").choice
        == "off"
    )
    page = client.get("/me/notifications/preferences/").content.decode()
    assert re.search(r'name="booking\.requested" value="off" id="pref-\d+-off" checked', page)
    assert not re.search(r'name="booking\.requested" value="immediate" id="[^"]+" checked', page)

    context = {"title": "Atelier", "room": "Salle Atlas", "site": "Site A"}
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(to=cast.owner, kind="booking.requested", context=context)
    assert mail.outbox == []
    assert Notification.objects.filter(user=cast.owner, kind="booking.requested").exists()


def test_a_mandatory_kind_is_e_mailed_whatever_is_posted(cast, django_capture_on_commit_callbacks):
    client = cast.client("owner")
    client.post("/me/notifications/preferences/", {"booking.confirmed": "off"})
    assert not NotificationPreference.objects.filter(
        user=cast.owner, kind="booking.confirmed", choice="off"
    ).exists()
    context = {"title": "Atelier", "room": "Salle Atlas", "site": "Site A"}
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(to=cast.owner, kind="booking.confirmed", context=context)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cast.owner.email]


def test_bad_input_is_refused_clearly_and_changes_nothing(cast):
    client = cast.client("owner")
    response = client.post(
        "/me/notifications/preferences/",
        {"booking.requested": "digest", "notifications.digest": "sometimes"},
    )
    assert response.status_code == 400
    assert "Choose immediately, daily digest or off" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=cast.owner).exists()


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_pages_render_in_each_language(cast, language):
    _notify(cast.owner, "Réservation confirmée : Salle Atlas")
    cast.owner.language = language
    cast.owner.save(update_fields=["language"])
    client = cast.client("owner")
    for path in ("/me/notifications/", "/me/notifications/preferences/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        page = response.content.decode()
        assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
        assert 'href="/me/notifications/"' in page
