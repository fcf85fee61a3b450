"""Booking invitations and feeds, written by the shared iCalendar builder (core.ical)."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from technopark.booking import services as booking_services
from technopark.booking.ical import booking_invitation, bookings_calendar
from technopark.booking.tests.conftest import at


def _parse(body: bytes):
    cal = Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    return cal, events


def test_a_booking_invitation_request_update_and_cancel_agree(cast, room, day):
    booking = booking_services.booking_create(
        space=room, starts_at=at(day, 10), ends_at=at(day, 11), title="RDV", by=cast.owner
    )
    name, body, mime = booking_invitation(booking)
    assert (name, mime) == ("invite.ics", "text/calendar; method=REQUEST")
    cal, [first] = _parse(body)
    assert str(cal["method"]) == "REQUEST"
    assert str(first["status"]) == "CONFIRMED"
    assert "Salle Atlas" in str(first["location"])

    booking_services.booking_move(
        booking=booking, starts_at=at(day, 14), ends_at=at(day, 15), by=cast.owner
    )
    _, [moved] = _parse(booking_invitation(booking)[1])
    assert str(moved["uid"]) == str(first["uid"])
    assert int(moved["sequence"]) > int(first["sequence"])
    assert moved.decoded("dtstart") == at(day, 14)

    booking_services.booking_cancel(booking=booking, by=cast.owner)
    name, body, mime = booking_invitation(booking, "CANCEL")
    assert mime == "text/calendar; method=CANCEL"
    cal, [cancel] = _parse(body)
    assert str(cal["method"]) == "CANCEL"
    assert str(cancel["uid"]) == str(first["uid"])
    assert int(cancel["sequence"]) > int(moved["sequence"])
    assert str(cancel["status"]) == "CANCELLED"

    # The private feed tells the same story: same UID, same SEQUENCE, cancelled.
    cal, [fed] = _parse(bookings_calendar("Mes réservations", [booking]))
    assert str(cal["method"]) == "PUBLISH"
    assert (str(fed["uid"]), int(fed["sequence"])) == (str(cancel["uid"]), int(cancel["sequence"]))
    assert str(fed["status"]) == "CANCELLED"


def test_an_invitation_is_a_request_or_a_cancel(cast, room, day):
    booking = booking_services.booking_create(
        space=room, starts_at=at(day, 10), ends_at=at(day, 11), title="RDV", by=cast.owner
    )
    with pytest.raises(ValueError):
        booking_invitation(booking, "PUBLISH")
