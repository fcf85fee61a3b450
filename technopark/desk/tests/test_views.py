"""The guichet unique through HTTP: a startup books from its phone, the agent runs the day."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from technopark.desk.models import Appointment, Slot
from technopark.desk.tests.factories import make_appointment, make_desk, make_slot
from technopark.house.testing import UserFactory, make_role


@pytest.fixture
def desk(cast):
    return make_desk(cast.site)


def test_the_desk_page_shows_services_checklist_price_and_delay(cast, desk, french):
    make_slot(desk)
    page = cast.client("anonymous").get(f"/desk/{desk.pk}/").content.decode()
    assert "Certificat négatif" in page
    assert "Formulaire CN1 rempli" in page
    assert "230,00 MAD" in page
    assert "24 heures" in page
    assert f"/accounts/login/?next=/desk/{desk.pk}/" in page


def test_catalogue_texts_follow_the_language_with_french_fallback(cast, desk):
    client = cast.client("anonymous")
    client.cookies["technopark_language"] = "en"
    page = client.get(f"/desk/{desk.pk}/").content.decode()
    assert "Negative certificate" in page and "Completed CN1 form" in page
    client.cookies["technopark_language"] = "ar"
    page = client.get(f"/desk/{desk.pk}/").content.decode()
    assert "الشهادة السلبية" in page
    assert "Formulaire CN1 rempli" in page  # no Arabic checklist: French


def test_a_member_books_from_the_page_and_sees_it_in_their_appointments(cast, desk, french):
    slot = make_slot(desk)
    client = cast.client("owner")
    response = client.post(
        f"/desk/{desk.pk}/book/", {"slot": slot.pk, "service": "certificat-negatif", "note": "RC"}
    )
    assert response.status_code == 302
    page = client.get("/desk/appointments/").content.decode()
    assert "Certificat négatif" in page and "Formulaire CN1 rempli" in page
    # The colleague sees the startup's appointment; another startup does not.
    assert (
        "Certificat négatif" in cast.client("colleague").get("/desk/appointments/").content.decode()
    )
    assert (
        "Certificat négatif"
        not in cast.client("other_member").get("/desk/appointments/").content.decode()
    )


def test_booking_a_full_slot_from_the_page_says_so_and_books_nothing(cast, desk):
    slot = make_slot(desk, capacity=1)
    make_appointment(slot, cast.other, cast.other_member)
    response = cast.client("owner").post(
        f"/desk/{desk.pk}/book/", {"slot": slot.pk, "service": "certificat-negatif"}
    )
    assert response.status_code == 400
    assert not Appointment.objects.filter(startup=cast.own).exists()


def test_agents_see_only_their_desks_queue(cast, desk):
    other_desk = make_desk(cast.site, code="SA-CNSS", partner="CNSS")
    agent = make_role(UserFactory(email="agent@example.ma"), "desk_agent", desk=desk)
    slot = Slot.objects.create(
        desk=desk,
        starts_at=timezone.now() - dt.timedelta(minutes=30),
        ends_at=timezone.now(),
        capacity=1,
    )
    appointment = make_appointment(slot, cast.own, cast.owner)
    from django.test import Client

    client = Client()
    client.force_login(agent)
    assert client.get("/desk/mine/").url == f"/desk/{desk.pk}/manage/"
    page = client.get(f"/desk/{desk.pk}/manage/").content.decode()
    assert "Own Startup" in page
    assert client.get(f"/desk/{other_desk.pk}/manage/").status_code == 404
    # The agent marks it done with the outcome.
    response = client.post(
        f"/desk/appointments/{appointment.pk}/handle/",
        {"status": "done", "outcome": "Certificat délivré"},
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "done" and appointment.outcome == "Certificat délivré"
    # An agent of another desk cannot touch it.
    stranger = make_role(UserFactory(), "desk_agent", desk=other_desk)
    client.force_login(stranger)
    assert client.post(f"/desk/appointments/{appointment.pk}/handle/").status_code == 404


def test_another_sites_staff_get_404_on_management_pages(cast, desk):
    client = cast.client("other_site_staff")
    for path in (f"/desk/{desk.pk}/manage/", f"/desk/{desk.pk}/slots/", f"/desk/{desk.pk}/cases/"):
        assert client.get(path).status_code == 404


def test_staff_publish_slots_in_bulk_from_the_page(cast, desk):
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    response = cast.client("site_manager").post(
        f"/desk/{desk.pk}/slots/",
        {
            "first_day": monday.isoformat(),
            "last_day": (monday + dt.timedelta(days=4)).isoformat(),
            "weekdays": ["0", "1", "2", "3", "4"],
            "day_start": "09:00",
            "day_end": "12:00",
            "minutes": "30",
            "capacity": "2",
        },
    )
    assert response.status_code == 302
    assert desk.slots.count() == 30


def test_api_desks_list_services_with_codes(cast, desk, french):
    data = cast.client("anonymous").get("/api/v1/desks?site=SA").json()["items"]
    assert data[0]["id"] == desk.pk
    assert data[0]["services"][0]["code"] == "certificat-negatif"
    assert data[0]["services"][0]["documents"] == ["Copie de la CIN", "Formulaire CN1 rempli"]
    assert cast.client("anonymous").get("/api/v1/desks?site=SB").json()["count"] == 0


def test_api_book_full_then_cancel(cast, desk):
    slot = make_slot(desk, capacity=1)
    body = {"slot": slot.pk, "service": "certificat-negatif", "note": "Nom: Atlas Data"}
    owner = cast.client("owner")
    response = owner.post("/api/v1/appointments", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    created = response.json()
    assert created["status"] == "booked" and created["startup"] == "OWN-1"
    full = cast.client("other_member").post(
        "/api/v1/appointments", json.dumps(body), content_type="application/json"
    )
    assert full.status_code == 409 and full.json()["code"] == "full"
    slots = owner.get(f"/api/v1/desks/{desk.pk}/slots?date={slot.starts_at.date()}").json()["items"]
    assert slots[0]["remaining"] == 0
    assert owner.delete(f"/api/v1/appointments/{created['id']}").status_code == 204
    assert Slot.objects.get(pk=slot.pk).booked == 0
    # Another startup cannot cancel it (it does not even see it).
    assert (
        cast.client("other_member").delete(f"/api/v1/appointments/{created['id']}").status_code
        == 404
    )


def test_api_slot_create_validates(cast, desk):
    start = timezone.now() + dt.timedelta(days=2)
    client = cast.client("site_manager")
    bad = client.post(
        f"/api/v1/desks/{desk.pk}/slots",
        json.dumps({"starts_at": start.isoformat(), "ends_at": start.isoformat(), "capacity": 1}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "ends_at"
    assert not desk.slots.exists()


def test_member_rates_a_done_appointment_from_the_page(cast, desk):
    from technopark.surveys.models import SatisfactionAnswer

    slot = Slot.objects.create(
        desk=desk,
        starts_at=timezone.now() - dt.timedelta(days=1),
        ends_at=timezone.now() - dt.timedelta(days=1) + dt.timedelta(minutes=30),
        capacity=1,
    )
    done = make_appointment(slot, cast.own, cast.owner, status="done")
    client = cast.client("colleague")
    assert client.post(f"/desk/appointments/{done.pk}/rate/", {"score": "4"}).status_code == 302
    assert SatisfactionAnswer.objects.get().score == 4


def test_compare_page_for_staff(cast, desk):
    page = cast.client("site_manager").get("/desk/compare/").content.decode()
    assert "OMPIC" in page
    assert cast.client("owner").get("/desk/compare/").status_code == 403


def test_site_page_lists_the_sites_desks(cast, desk):
    page = cast.client("anonymous").get("/sites/SA/").content.decode()
    assert f"/desk/{desk.pk}/" in page
    assert f"/desk/{desk.pk}/" not in cast.client("anonymous").get("/sites/SB/").content.decode()


def test_api_unknown_service_says_which_exist(cast, desk):
    slot = make_slot(desk)
    response = cast.client("owner").post(
        "/api/v1/appointments",
        json.dumps({"slot": slot.pk, "service": "brevet"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "service"
    assert "certificat-negatif" in response.json()["message"]
    assert not Appointment.objects.exists()


def test_the_queue_page_keeps_its_query_count(cast, desk, django_assert_max_num_queries):
    from technopark.house.testing import StartupFactory, make_member

    client = cast.client("site_manager")
    slot = Slot.objects.create(
        desk=desk,
        starts_at=timezone.now() - dt.timedelta(minutes=5),
        ends_at=timezone.now(),
        capacity=30,
    )
    for _ in range(3):
        make_appointment(slot, (s := StartupFactory()), make_member(s))
    client.get(f"/desk/{desk.pk}/manage/")
    with django_assert_max_num_queries(20) as few:
        client.get(f"/desk/{desk.pk}/manage/")
    for _ in range(12):
        make_appointment(slot, (s := StartupFactory()), make_member(s))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/desk/{desk.pk}/manage/")
    assert page.content.decode().count('value="no_show"') == 15


def test_the_agents_day_lists_earlier_appointments_left_unmarked(cast, desk, french):
    agent = make_role(UserFactory(email="agent2@example.ma"), "desk_agent", desk=desk)
    forgotten = make_appointment(make_slot(desk, day_offset=-3), cast.own, cast.owner)
    handled = make_appointment(make_slot(desk, day_offset=-2), cast.other, cast.owner, "done")
    from django.test import Client

    client = Client()
    client.force_login(agent)
    page = client.get(f"/desk/{desk.pk}/manage/").content.decode()
    assert "Restent à marquer des jours précédents" in page
    assert f"/desk/appointments/{forgotten.pk}/handle/" in page
    assert f"/desk/appointments/{handled.pk}/handle/" not in page
    # Marked from today's page, the agent comes back to today, where it no longer waits.
    response = client.post(
        f"/desk/appointments/{forgotten.pk}/handle/",
        {"status": "no_show", "back": "today"},
    )
    assert response.url == f"/desk/{desk.pk}/manage/"
    forgotten.refresh_from_db()
    assert forgotten.status == "no_show"
    page = client.get(response.url).content.decode()
    assert "Restent à marquer des jours précédents" not in page
    # Another day's page shows that day only.
    day = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    page = client.get(f"/desk/{desk.pk}/manage/?date={day}").content.decode()
    assert "Restent à marquer des jours précédents" not in page
