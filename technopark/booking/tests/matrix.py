"""Booking pages and API: residents and the site's staff book; managers block and set
rules; a booking is changed by its author, its startup's members or the site's managers."""

from __future__ import annotations

import datetime as dt

from technopark.booking.models import Booking, CalendarFeed
from technopark.booking.rules import local_datetime
from technopark.core.matrix import Case, everyone, with_roles
from technopark.house.testing import SpaceFactory
from technopark.network.models import Space


def _day() -> dt.date:
    day = dt.date.today() + dt.timedelta(days=2)
    while day.isoweekday() > 5:
        day += dt.timedelta(days=1)
    return day


def _room(c) -> Space:
    room = Space.objects.filter(site=c.site, code="SALLE-1").first()
    return room or SpaceFactory(
        site=c.site, code="SALLE-1", kind=Space.Kind.MEETING_ROOM, seats=8, leasable=False
    )


def _booking(c) -> None:
    Booking.objects.create(
        site=c.site,
        space=_room(c),
        starts_at=local_datetime(_day(), dt.time(10)),
        ends_at=local_datetime(_day(), dt.time(11)),
        title="Point d'équipe",
        startup=c.own,
        booked_by=c.owner,
    )


def _booking_id(c) -> int:
    return Booking.objects.get(title="Point d'équipe").pk


def _request(c) -> None:
    Booking.objects.create(
        site=c.site,
        space=_room(c),
        starts_at=local_datetime(_day(), dt.time(14)),
        ends_at=local_datetime(_day(), dt.time(16)),
        title="Conférence",
        startup=c.own,
        booked_by=c.owner,
        status=Booking.Status.REQUESTED,
    )


def _feed(c) -> None:
    CalendarFeed.objects.create(user=c.owner, token="matrix-token-owner-feed")


def _payload(c) -> dict:
    _room(c)
    return {
        "site": c.site.code,
        "space": "SALLE-1",
        "starts_at": local_datetime(_day(), dt.time(14)).isoformat(),
        "ends_at": local_datetime(_day(), dt.time(15)).isoformat(),
        "title": "Entretien client",
    }


# Who books at site A: the resident startup's members and the site's staff.
BOOKERS = {
    "owner": 200,
    "colleague": 200,
    "site_manager": 200,
    "officer": 200,
    "admin": 200,
    "anonymous": 302,
}
MANAGERS_ONLY = {"site_manager": 200, "admin": 200, "anonymous": 302}
CHANGERS = {"owner": 302, "colleague": 302, "site_manager": 302, "admin": 302, "officer": 403}

CASES = [
    Case(
        "booking:index",
        lambda c: "/booking/",
        {"other_member": 200, "admin": 200, "expert": 200},
        default=302,
    ),
    Case(
        "booking:list",
        lambda c: "/booking/list/?when=all",
        everyone(200, anonymous=302),
        setup=_booking,
        notes="everyone signed in has a list; what it holds is tested in test_booking_list.py",
    ),
    Case(
        "booking:calendar",
        lambda c: f"/booking/{c.site.code}/",
        BOOKERS,
        default=404,
        setup=_booking,
    ),
    Case(
        "booking:calendar",
        lambda c: f"/booking/{c.site.code}/?view=week",
        BOOKERS,
        default=404,
        setup=_booking,
        id="calendar week",
    ),
    Case(
        "booking:book",
        lambda c: f"/booking/{c.site.code}/SALLE-1/book/",
        BOOKERS,
        default=403,
        setup=_room,
    ),
    Case(
        "booking:book",
        lambda c: f"/booking/{c.site.code}/SALLE-1/book/",
        {**{k: 302 for k in BOOKERS}, "anonymous": 302},
        default=403,
        method="post",
        setup=_room,
        data=lambda c: {
            "day": _day().isoformat(),
            "start": "16:00",
            "end": "17:00",
            "title": "Démo produit",
            "repeat_weeks": 1,
        },
        id="book POST",
    ),
    Case(
        "booking:block",
        lambda c: f"/booking/{c.site.code}/SALLE-1/block/",
        MANAGERS_ONLY,
        default=403,
        setup=_room,
    ),
    Case(
        "booking:rules",
        lambda c: f"/booking/{c.site.code}/SALLE-1/rules/",
        MANAGERS_ONLY,
        default=403,
        setup=_room,
    ),
    Case(
        "booking:move",
        lambda c: f"/booking/b/{_booking_id(c)}/move/",
        {
            **{k: 200 for k in ("owner", "colleague", "site_manager", "admin")},
            "officer": 403,
            "anonymous": 302,
        },
        default=404,
        setup=_booking,
    ),
    Case(
        "booking:cancel",
        lambda c: f"/booking/b/{_booking_id(c)}/cancel/",
        {**CHANGERS, "anonymous": 302},
        default=404,
        method="post",
        setup=_booking,
    ),
    Case("booking:feeds", lambda c: "/booking/feeds/", {"anonymous": 302}, default=200),
    Case(
        "booking:feed_revoke",
        lambda c: f"/booking/feeds/{CalendarFeed.objects.get().pk}/revoke/",
        {"owner": 302, "anonymous": 302},
        default=404,
        method="post",
        setup=_feed,
    ),
    Case(
        "booking:ical",
        lambda c: "/booking/ical/matrix-token-owner-feed.ics",
        {},
        default=200,
        setup=_feed,
        notes="The token is the key: calendar apps fetch it without a session.",
    ),
    Case(
        "booking:ical",
        lambda c: "/booking/ical/not-a-token.ics",
        {},
        default=404,
        setup=_feed,
        id="ical wrong token",
    ),
    Case(
        "api:GET /api/v1/spaces/{site}/{code}/availability",
        lambda c: f"/api/v1/spaces/{c.site.code}/SALLE-1/availability?date={_day()}",
        {"anonymous": 404},
        default=200,
        setup=_booking,
    ),
    Case(
        "api:POST /api/v1/bookings",
        lambda c: "/api/v1/bookings",
        {
            "owner": 201,
            "colleague": 201,
            "site_manager": 201,
            "officer": 201,
            "admin": 201,
            "anonymous": 404,
        },
        default=403,
        method="post",
        json=True,
        data=_payload,
    ),
    Case("api:GET /api/v1/bookings", lambda c: "/api/v1/bookings", {}, default=200),
    Case(
        "api:DELETE /api/v1/bookings/{booking_id}",
        lambda c: f"/api/v1/bookings/{_booking_id(c)}",
        {"owner": 204, "colleague": 204, "site_manager": 204, "admin": 204, "officer": 403},
        default=404,
        method="delete",
        setup=_booking,
    ),
    Case(
        "booking:hall_requests",
        lambda c: f"/booking/{c.site.code}/requests/",
        {"site_manager": 200, "admin": 200, "anonymous": 302},
        default=404,
        setup=_request,
    ),
    Case(
        "booking:hall_decide",
        lambda c: f"/booking/b/{Booking.objects.get(title='Conférence').pk}/decide/",
        # the requester sees its request but only the site's managers decide
        {
            "site_manager": 302,
            "admin": 302,
            "owner": 403,
            "colleague": 403,
            "officer": 403,
            "anonymous": 302,
        },
        default=404,
        method="post",
        data=lambda c: {"decision": "decline", "reason": "Salle réservée pour un événement"},
        setup=_request,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET booking:index": (200, 200, 200),
    "GET booking:list": (200, 200, 200),
    "GET booking:calendar": (404, 404, 404),
    "GET booking:calendar [calendar week]": (404, 404, 404),
    "GET booking:book": (403, 403, 403),
    "POST booking:book [book POST]": (403, 403, 403),
    "GET booking:block": (403, 403, 403),
    "GET booking:rules": (403, 403, 403),
    "GET booking:move": (404, 404, 404),
    "POST booking:cancel": (404, 404, 404),
    "GET booking:feeds": (200, 200, 200),
    "POST booking:feed_revoke": (404, 404, 404),
    "GET booking:ical": (200, 200, 200),
    "GET booking:ical [ical wrong token]": (404, 404, 404),
    "GET api:GET /api/v1/spaces/{site}/{code}/availability": (200, 200, 200),
    "POST api:POST /api/v1/bookings": (403, 403, 403),
    "GET api:GET /api/v1/bookings": (200, 200, 200),
    "DELETE api:DELETE /api/v1/bookings/{booking_id}": (404, 404, 404),
    "GET booking:hall_requests": (404, 404, 404),
    "POST booking:hall_decide": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
