"""An event ticket's invitation and the public events feed, via core.ical."""

from __future__ import annotations

from icalendar import Calendar

from technopark.community import services as community_services
from technopark.community.ical import calendar_feed, registration_invitation
from technopark.community.tests.factories import make_event


def _parse(body: bytes):
    cal = Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    return cal, events


def test_an_event_ticket_invitation_and_the_public_feed(cast):
    event = make_event(cast.site, title="Atelier pitch")
    registration = community_services.registration_create(event=event, user=cast.owner)
    cal, [ticket] = _parse(registration_invitation(registration)[1])
    assert str(cal["method"]) == "REQUEST"
    assert str(ticket["summary"]) == "Atelier pitch"
    assert str(ticket["uid"]) == f"registration-{registration.pk}@127.0.0.1:8000"

    community_services.registration_cancel(registration=registration, by=cast.owner)
    registration.refresh_from_db()
    cal, [cancel] = _parse(registration_invitation(registration, "CANCEL")[1])
    assert str(cal["method"]) == "CANCEL"
    assert str(cancel["uid"]) == str(ticket["uid"])
    assert int(cancel["sequence"]) > int(ticket["sequence"])

    # The public feed names the event, not the ticket.
    cal, [public] = _parse(calendar_feed([event], name="Événements"))
    assert str(public["uid"]) == f"event-{event.pk}@127.0.0.1:8000"
    assert str(cal["x-wr-calname"]) == "Événements"
