"""Community life through HTTP: calendars, registration from a phone, ticket, door check-in."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from technopark.community.models import Event, RamadanPeriod, Registration
from technopark.community.tests.factories import make_amenity, make_event, register


def test_register_get_a_ticket_with_a_qr_image(cast):
    event = make_event(cast.site)
    client = cast.client("owner")
    assert client.post(f"/community/events/{event.pk}/register/").status_code == 302
    registration = Registration.objects.get(event=event, user=cast.owner)
    page = client.get(f"/community/tickets/{registration.ticket}/").content.decode()
    assert 'src="data:image/svg+xml' in page
    assert "<script" not in page.split("</head>")[1]  # nothing inline in the body


def test_a_full_event_puts_you_on_the_waiting_list_and_shows_your_rank(cast):
    event = make_event(cast.site, capacity=1)
    register(event, cast.other_member)
    client = cast.client("owner")
    client.post(f"/community/events/{event.pk}/register/")
    assert Registration.objects.get(user=cast.owner).status == "waitlisted"
    assert client.get(f"/community/events/{event.pk}/").context["waiting_rank"] == 1


def test_residents_event_refuses_a_startup_of_another_site(cast):
    event = make_event(cast.site, audience="residents")
    assert (
        cast.client("other_member").post(f"/community/events/{event.pk}/register/").status_code
        == 403
    )
    assert (
        cast.client("colleague").post(f"/community/events/{event.pk}/register/").status_code == 302
    )


def test_anonymous_see_public_events_only(cast):
    public = make_event(cast.site, title="Portes ouvertes", audience="public")
    network = make_event(cast.site, title="Afterwork réseau", audience="network")
    page = cast.client("anonymous").get("/community/events/").content.decode()
    assert public.title in page and network.title not in page
    assert cast.client("anonymous").get(f"/community/events/{network.pk}/").status_code == 404
    assert network.title in cast.client("owner").get("/community/events/").content.decode()


def test_month_view_places_events_on_their_day(cast):
    event = make_event(cast.site, title="Hackathon", days=3)
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    page = (
        cast.client("anonymous")
        .get(f"/community/events/?view=month&month={month}&site=SA")
        .content.decode()
    )
    assert "Hackathon" in page


def test_ical_feed_is_valid_rfc5545(cast):
    make_event(cast.site, title="Atelier design")
    make_event(cast.other_site, title="Yoga")
    response = cast.client("anonymous").get("/community/events.ics?site=SA")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Atelier design"]
    for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND"):
        assert prop in events[0]
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal


def test_door_checkin_by_scanned_url_is_idempotent(cast):
    event = make_event(cast.site)
    registration = register(event, cast.owner)
    client = cast.client("site_manager")
    url = f"http://testserver/community/tickets/{registration.ticket}/"
    first = client.post(
        f"/community/events/{event.pk}/checkin/", {"code": url}, HTTP_HX_REQUEST="true"
    )
    assert first.status_code == 200
    assert "<html" not in first.content.decode()  # a tiny fragment for a poor connection
    registration.refresh_from_db()
    stamp = registration.checked_in_at
    assert stamp
    again = client.post(f"/community/events/{event.pk}/checkin/", {"code": registration.ticket})
    assert again.status_code == 200
    registration.refresh_from_db()
    assert registration.checked_in_at == stamp
    unknown = client.post(f"/community/events/{event.pk}/checkin/", {"code": "nope"})
    assert unknown.context["result"]["ok"] is False


def test_a_link_to_the_checkin_page_checks_no_one_in(cast):
    """A GET (a link on another site, an image, a prefetch) only opens the door page with
    the ticket filled in; the check-in is the POST of its form, with its CSRF token."""
    event = make_event(cast.site)
    registration = register(event, cast.owner)
    client = cast.client("site_manager")
    page = client.get(f"/community/events/{event.pk}/checkin/", {"code": registration.ticket})
    assert page.status_code == 200
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert f'value="{registration.ticket}"' in page.content.decode()
    assert page.context["result"] is None
    # The form's POST is what checks in, and it needs the page's CSRF token.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.site_manager)
    url = f"/community/events/{event.pk}/checkin/"
    assert strict.post(url, {"code": registration.ticket}).status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    token = strict.get(url).context["csrf_token"]
    strict.post(url, {"code": registration.ticket, "csrfmiddlewaretoken": str(token)})
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_door_search_by_name_then_checkin(cast):
    event = make_event(cast.site)
    cast.owner.full_name = "Omar Tazi"
    cast.owner.save()
    registration = register(event, cast.owner)
    client = cast.client("officer")
    page = client.post(f"/community/events/{event.pk}/checkin/", {"q": "taz"}).content.decode()
    assert "Omar Tazi" in page
    client.post(f"/community/registrations/{registration.pk}/checkin/", HTTP_HX_REQUEST="true")
    registration.refresh_from_db()
    assert registration.checked_in_at


def test_other_sites_staff_cannot_run_this_sites_event(cast):
    event = make_event(cast.site)
    client = cast.client("other_site_staff")
    assert client.get(f"/community/events/{event.pk}/manage/").status_code == 404
    assert client.get(f"/community/events/{event.pk}/checkin/").status_code == 404


def test_attendance_figures(cast):
    event = make_event(cast.site, kind="sport")
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2),
    )
    register(event, cast.owner)
    r = register(event, cast.colleague)
    Registration.objects.filter(pk=r.pk).update(checked_in_at=timezone.now())
    page = cast.client("site_manager").get("/community/events/attendance/").content.decode()
    assert "50 %" in page


def test_amenities_on_the_site_page_and_the_lobby(cast):
    make_amenity(cast.site)
    page = cast.client("anonymous").get("/sites/SA/").content.decode()
    assert "Restaurant Le Patio" in page
    lobby = cast.client("anonymous").get("/community/sites/SA/lobby/").content.decode()
    assert 'http-equiv="refresh"' in lobby and "Restaurant Le Patio" in lobby
    assert "<script" not in lobby


def test_the_lobby_shows_a_visitor_only_the_public_events(cast):
    """The lobby screen is public: events for the network or for residents are 404 to an
    anonymous visitor everywhere else, so the lobby does not list them either."""
    make_event(cast.site, title="Conférence ouverte", days=1)
    make_event(cast.site, title="Afterwork du réseau", audience="network", days=2)
    make_event(cast.site, title="Tournoi de foot", audience="residents", days=3)
    lobby = cast.client("anonymous").get("/community/sites/SA/lobby/").content.decode()
    assert "Conférence ouverte" in lobby
    assert "Afterwork du réseau" not in lobby
    assert "Tournoi de foot" not in lobby
    lobby = cast.client("owner").get("/community/sites/SA/lobby/").content.decode()
    assert "Afterwork du réseau" in lobby and "Tournoi de foot" in lobby


def test_ramadan_hours_apply_during_ramadan(cast):
    from technopark.community.selectors import amenities_now

    make_amenity(cast.site)
    monday = dt.date(2027, 2, 15)  # a Monday
    noon_30 = timezone.make_aware(dt.datetime.combine(monday, dt.time(16, 30)))
    rows, ramadan = amenities_now(cast.site, noon_30)
    assert not ramadan and rows[0].open_now  # 08:00–18:00
    RamadanPeriod.objects.create(starts_on=monday, ends_on=monday + dt.timedelta(days=29))
    rows, ramadan = amenities_now(cast.site, noon_30)
    assert ramadan and not rows[0].open_now  # 10:00–15:00 in Ramadan


def test_api_events_register_twice_and_cancel(cast):
    event = make_event(cast.site, capacity=1)
    owner = cast.client("owner")
    first = owner.post(f"/api/v1/events/{event.pk}/registrations")
    assert first.status_code == 201 and first.json()["status"] == "confirmed"
    assert owner.post(f"/api/v1/events/{event.pk}/registrations").status_code == 409
    other = cast.client("other_member").post(f"/api/v1/events/{event.pk}/registrations")
    assert other.json()["status"] == "waitlisted"
    assert owner.delete(f"/api/v1/events/{event.pk}/registrations/mine").status_code == 204
    assert Registration.objects.get(user=cast.other_member).status == "confirmed"


def test_api_events_by_site_and_dates(cast):
    soon = make_event(cast.site, title="Soon", days=2)
    make_event(cast.site, title="Later", days=40)
    make_event(cast.other_site, title="Elsewhere", days=2)
    day = timezone.localtime(soon.starts_at).date()
    data = (
        cast.client("owner")
        .get(f"/api/v1/events?site=SA&from={day}&to={day + dt.timedelta(days=5)}")
        .json()
    )
    assert [e["title"] for e in data["items"]] == ["Soon"] and data["count"] == 1
    assert cast.client("owner").get("/api/v1/events?from=26/11").status_code == 400


def test_api_create_event_validates(cast):
    start = timezone.now() + dt.timedelta(days=5)
    body = {
        "site": "SA",
        "title": "Hackathon",
        "kind": "demo_day",
        "audience": "public",
        "starts_at": start.isoformat(),
        "ends_at": (start - dt.timedelta(hours=1)).isoformat(),
        "capacity": 100,
    }
    client = cast.client("site_manager")
    bad = client.post("/api/v1/events", json.dumps(body), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "ends_at"
    body["ends_at"] = (start + dt.timedelta(hours=8)).isoformat()
    good = client.post("/api/v1/events", json.dumps(body), content_type="application/json")
    assert good.status_code == 201 and good.json()["remaining"] == 100
    body["site"] = "SB"
    assert (
        client.post("/api/v1/events", json.dumps(body), content_type="application/json").status_code
        == 403
    )


@pytest.mark.parametrize("who", ["site_manager", "admin"])
def test_staff_create_an_event_from_the_page(cast, who):
    start = (timezone.localtime() + dt.timedelta(days=10)).replace(second=0, microsecond=0)
    response = cast.client(who).post(
        "/community/events/new/",
        {
            "site": cast.site.pk,
            "title": "Atelier RGPD et loi 09-08",
            "kind": "workshop",
            "audience": "network",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": "30",
        },
    )
    assert response.status_code == 302
    assert Event.objects.get().title == "Atelier RGPD et loi 09-08"


def test_attendance_by_event_is_a_list_to_search_page_and_export(cast):
    for n in range(55):
        event = make_event(cast.site, kind="sport" if n % 2 else "workshop", title=f"Séance {n:02}")
        Event.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - dt.timedelta(days=n + 1),
            ends_at=timezone.now() - dt.timedelta(days=n + 1) + dt.timedelta(hours=2),
        )
    client = cast.client("site_manager")
    page = client.get("/community/events/attendance/").content.decode()
    assert "55 results" in page and "showing 1–50" in page  # nothing cut off silently
    assert "page=2" in page
    page = client.get("/community/events/attendance/?q=Séance 07").content.decode()
    assert "1 result" in page and "Séance 07" in page and "Séance 08" not in page
    since = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    page = client.get(f"/community/events/attendance/?since={since}&kind=sport").content.decode()
    assert f'type="hidden" name="since" value="{since}"' in page  # search keeps the period
    response = client.get(f"/community/events/attendance/?since={since}&kind=sport&export=csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 1 + 5 and all("Séance" in line for line in lines[1:])


def test_the_events_list_pages_instead_of_stopping(cast):
    for n in range(35):
        make_event(cast.site, title=f"Rencontre {n:02}", days=n + 1)
    client = cast.client("anonymous")
    first = client.get("/community/events/").content.decode()
    assert "Rencontre 00" in first and "Rencontre 34" not in first
    assert "page=2" in first
    second = client.get("/community/events/?page=2").content.decode()
    assert "Rencontre 34" in second and "Rencontre 00" not in second
