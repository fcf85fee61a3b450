"""The booking API through HTTP: statuses, bodies, filters; and the iCalendar feeds."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from technopark.booking.models import Booking, CalendarFeed
from technopark.booking.tests.conftest import at
from technopark.house.testing import SpaceFactory


def _post(client, payload):
    return client.post("/api/v1/bookings", payload, content_type="application/json")


def _payload(cast, room, start, end, **extra):
    return {
        "site": cast.site.code,
        "space": room.code,
        "starts_at": start.isoformat(),
        "ends_at": end.isoformat(),
        "title": "Réunion investisseurs",
        **extra,
    }


def test_book_then_conflict_then_cancel(cast, room, day):
    client = cast.client("owner")
    response = _post(client, _payload(cast, room, at(day, 10), at(day, 11)))
    assert response.status_code == 201
    body = response.json()
    assert body["space"] == "SALLE-1"
    assert body["startup"] == cast.own.ref  # members book for their startup
    assert dt.datetime.fromisoformat(body["starts_at"]) == at(day, 10)
    clash = _post(cast.client("colleague"), _payload(cast, room, at(day, 10, 30), at(day, 11, 30)))
    assert clash.status_code == 409
    assert clash.json()["code"] == "conflict"
    assert Booking.objects.count() == 1
    assert client.delete(f"/api/v1/bookings/{body['id']}").status_code == 204
    again = _post(cast.client("colleague"), _payload(cast, room, at(day, 10, 30), at(day, 11, 30)))
    assert again.status_code == 201


def test_a_time_with_any_iso_offset_books_the_same_instant(cast, room, day):
    # ISO 8601 allows ±23:59; PostgreSQL refused beyond ±15:59 with a 500.
    far = dt.timezone(-dt.timedelta(hours=18, minutes=13))
    start, end = at(day, 10).astimezone(far), at(day, 11).astimezone(far)
    response = _post(cast.client("owner"), _payload(cast, room, start, end))
    assert response.status_code == 201
    assert dt.datetime.fromisoformat(response.json()["starts_at"]) == at(day, 10)
    assert Booking.objects.get().starts_at == at(day, 10)


def test_bad_input_is_400_with_a_code(cast, room, day):
    client = cast.client("owner")
    cases = {
        "end_before_start": (at(day, 11), at(day, 10)),
        "outside_hours": (at(day, 19), at(day, 21)),
        "too_far_ahead": (at(day + dt.timedelta(days=90), 10), at(day + dt.timedelta(days=90), 11)),
        "too_long": (at(day, 8), at(day, 14)),
    }
    for code, (start, end) in cases.items():
        response = _post(client, _payload(cast, room, start, end))
        assert response.status_code == 400, code
        assert response.json()["code"] == code
    office = SpaceFactory(site=cast.site, code="BUR-2")
    response = _post(cast.client("site_manager"), _payload(cast, office, at(day, 10), at(day, 11)))
    assert response.status_code == 403  # not a room: nobody may book it
    response = _post(client, {"site": cast.site.code, "space": room.code, "title": "x"})
    assert response.status_code == 400
    bad = _payload(cast, room, at(day, 10), at(day, 11))
    bad["starts_at"] = "demain 10h"
    assert _post(client, bad).status_code == 400
    assert not Booking.objects.exists()


def test_staff_book_for_any_startup(cast, room, day):
    response = _post(
        cast.client("site_manager"),
        _payload(cast, room, at(day, 10), at(day, 11), startup=cast.other.ref),
    )
    assert response.status_code == 201
    assert response.json()["startup"] == cast.other.ref
    response = _post(
        cast.client("owner"), _payload(cast, room, at(day, 12), at(day, 13), startup=cast.other.ref)
    )
    assert response.status_code == 400


def test_list_filters_and_scope(cast, room, day):
    _post(cast.client("owner"), _payload(cast, room, at(day, 10), at(day, 11)))
    _post(cast.client("site_manager"), _payload(cast, room, at(day, 14), at(day, 15)))
    mine = cast.client("owner").get("/api/v1/bookings").json()["items"]
    assert [b["starts_at"][11:16] for b in mine] == ["10:00"]
    staff = cast.client("site_manager").get(
        f"/api/v1/bookings?site={cast.site.code}&space=SALLE-1&from={day}&to={day}"
    )
    assert staff.json()["count"] == 2
    later = cast.client("site_manager").get(f"/api/v1/bookings?from={day + dt.timedelta(days=1)}")
    assert later.json() == {"items": [], "count": 0}
    assert cast.client("other_member").get("/api/v1/bookings").json()["count"] == 0
    assert cast.client("anonymous").get("/api/v1/bookings").json()["count"] == 0


def test_availability_shows_hours_and_busy_times(cast, room, day):
    _post(cast.client("owner"), _payload(cast, room, at(day, 10), at(day, 11)))
    body = (
        cast.client("other_member")
        .get(f"/api/v1/spaces/{cast.site.code}/SALLE-1/availability?date={day}")
        .json()
    )
    assert body["bookable"] is True
    assert dt.datetime.fromisoformat(body["opens_at"]) == at(day, 8)
    assert [dt.datetime.fromisoformat(s["starts_at"]) for s in body["busy"]] == [at(day, 10)]
    assert "title" not in body["busy"][0]  # outsiders see busy times, not what they are
    saturday = day + dt.timedelta(days=(6 - day.isoweekday()) % 7)
    closed = (
        cast.client("owner")
        .get(f"/api/v1/spaces/{cast.site.code}/SALLE-1/availability?date={saturday}")
        .json()
    )
    assert closed["bookable"] is False


def test_ical_feed_is_valid_and_revocable(cast, room, day):
    _post(cast.client("owner"), _payload(cast, room, at(day, 10), at(day, 11)))
    feed = CalendarFeed.objects.create(user=cast.owner, token=CalendarFeed.new_token())
    response = cast.client("anonymous").get(f"/booking/ical/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"\r\n" in response.content  # RFC 5545 lines end with CRLF
    cal = Calendar.from_ical(response.content)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]).endswith("@technopark.ma")
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["DTSTART"].dt == at(day, 10)
    assert event["DTSTART"].dt.utcoffset() == dt.timedelta(0)
    assert event["DTEND"].dt == at(day, 11)
    cast.client("owner").post(f"/booking/feeds/{feed.pk}/revoke/")
    assert cast.client("anonymous").get(f"/booking/ical/{feed.token}.ics").status_code == 404


def test_room_feed_lists_everyones_bookings(cast, room, day):
    _post(cast.client("owner"), _payload(cast, room, at(day, 10), at(day, 11)))
    _post(cast.client("site_manager"), _payload(cast, room, at(day, 12), at(day, 13)))
    cast.client("site_manager").post("/booking/feeds/", {"space": room.pk})
    feed = CalendarFeed.objects.get(user=cast.site_manager)
    cal = Calendar.from_ical(cast.client(None).get(f"/booking/ical/{feed.token}.ics").content)
    assert len(list(cal.walk("VEVENT"))) == 2
    # an outsider cannot make a feed of a room of a site they have nothing to do with
    response = cast.client("other_member").post("/booking/feeds/", {"space": room.pk})
    assert response.status_code == 403


def test_calendar_page_shows_bookings_and_switches_days(cast, room, day):
    _post(cast.client("owner"), _payload(cast, room, at(day, 10), at(day, 11)))
    page = cast.client("colleague").get(f"/booking/{cast.site.code}/?date={day}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Réunion investisseurs" in html
    assert "Salle Atlas" in html
    assert f"/booking/{cast.site.code}/SALLE-1/book/?date={day}&start=08:00" in html
    booking = Booking.objects.get()
    assert f"/booking/b/{booking.pk}/move/" in html  # a teammate may move or cancel it
    other = cast.client("officer").get(f"/booking/{cast.site.code}/?date={day}").content.decode()
    assert "Réunion investisseurs" in other and f"/booking/b/{booking.pk}/move/" not in other
    week = cast.client("colleague").get(f"/booking/{cast.site.code}/?date={day}&view=week")
    assert "Réunion investisseurs" in week.content.decode()


def test_book_form_reports_conflicting_weeks(cast, room, day):
    taken = day + dt.timedelta(weeks=1)
    _post(cast.client("site_manager"), _payload(cast, room, at(taken, 10), at(taken, 11)))
    response = cast.client("owner").post(
        f"/booking/{cast.site.code}/SALLE-1/book/",
        {
            "day": day,
            "start": "10:00",
            "end": "11:00",
            "title": "Daily",
            "repeat": "on",
            "repeat_weeks": 3,
        },
        follow=True,
    )
    html = response.content.decode()
    assert Booking.objects.filter(booked_by=cast.owner).count() == 2
    assert taken.strftime("%d/%m/%Y") in html


def test_staff_only_halls_offer_no_booking_link_to_residents(cast, room, day):
    from technopark.booking import services

    services.booking_rule_set(space=room, data={"audience": "staff"}, by=cast.site_manager)
    html = cast.client("owner").get(f"/booking/{cast.site.code}/?date={day}").content.decode()
    assert "/SALLE-1/book/" not in html
    assert cast.client("owner").get(f"/booking/{cast.site.code}/SALLE-1/book/").status_code == 403
    staff = cast.client("site_manager").get(f"/booking/{cast.site.code}/?date={day}")
    assert "/SALLE-1/book/" in staff.content.decode()


def test_the_day_shows_the_whole_opening_day_and_an_agenda_for_phones(cast, room, day):
    from technopark.booking.models import BookingRule

    BookingRule.objects.update_or_create(
        space=room, defaults={"opens_at": dt.time(7, 30), "closes_at": dt.time(22, 0)}
    )
    _post(cast.client("owner"), _payload(cast, room, at(day, 10), at(day, 11)))
    html = cast.client("colleague").get(f"/booking/{cast.site.code}/?date={day}").content.decode()
    grid = html.split('class="d-md-none tp-agenda"')[0]
    assert ">07:00<" in grid and ">21:00<" in grid  # the grid spans the room's opening hours
    assert f"SALLE-1/book/?date={day}&start=21:30" in grid
    agenda = html.split('class="d-md-none tp-agenda"')[1]
    # Free time before and after the booking, each starting a prefilled booking form.
    assert "07:30–10:00" in agenda and "11:00–22:00" in agenda
    assert f"SALLE-1/book/?date={day}&start=11:00" in agenda
    form = cast.client("owner").get(
        f"/booking/{cast.site.code}/SALLE-1/book/?date={day}&start=11:00"
    )
    assert 'value="11:00"' in form.content.decode()
    week = cast.client("owner").get(f"/booking/{cast.site.code}/?date={day}&view=week")
    assert f"?date={day}&amp;view=day" in week.content.decode() or f"?date={day}&view=day" in (
        week.content.decode()
    )


def test_availability_far_from_today_is_a_400_not_a_bad_time(cast, room):
    """Found by fuzzing: year 199 gave opens_at "0199-12-20T08:00:00-00:30:20" (Casablanca's
    historical offset, not a valid RFC 3339 time)."""
    client = cast.client("owner")
    response = client.get(
        f"/api/v1/spaces/{cast.site.code}/{room.code}/availability?date=0199-12-20"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Choose a date between the years 2000 and 2100."
    ok = client.get(f"/api/v1/spaces/{cast.site.code}/{room.code}/availability?date=2100-12-31")
    assert ok.status_code == 200


def test_ones_own_bookings_are_in_the_personal_calendar_and_old_feeds_keep_working(cast, room):
    older = CalendarFeed.objects.create(user=cast.owner, token=CalendarFeed.new_token())
    client = cast.client("owner")
    response = client.post("/booking/feeds/", {})
    assert (response.status_code, response["Location"]) == (302, "/me/calendar/")
    assert list(CalendarFeed.objects.filter(user=cast.owner)) == [older]  # no new one
    page = client.get("/booking/feeds/").content.decode()
    assert 'href="/me/calendar/"' in page
    assert f"/booking/ical/{older.token}.ics" in page  # made before: listed, still works
    assert cast.client(None).get(f"/booking/ical/{older.token}.ics").status_code == 200
