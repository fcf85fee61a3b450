"""API: one's private calendar address (read it, make a new one, revoke it)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema, Status

from technopark.accounts.permissions import require, visible_personal_calendars
from technopark.accounts.services import personal_calendar_renew, personal_calendar_revoke
from technopark.accounts.views import calendar_address
from technopark.core.api_common import ErrorOut, signed_in_user

router = Router(tags=["me"])


class CalendarOut(Schema):
    address: str | None
    created_at: dt.datetime | None
    last_read_at: dt.datetime | None


def _me(request):
    signed_in_user(request)
    require(request.user, "accounts.calendar")
    return request.user


def _answer(request, feed) -> dict:
    if feed is None:
        return {"address": None, "created_at": None, "last_read_at": None}
    return {
        "address": calendar_address(request, feed.token),
        "created_at": feed.created_at,
        "last_read_at": feed.last_read_at,
    }


@router.get(
    "/me/calendar",
    response={200: CalendarOut, 401: ErrorOut},
    summary="Your private calendar address (null when you have none)",
)
def calendar_read(request):
    feed = visible_personal_calendars(_me(request)).filter(revoked_at__isnull=True).first()
    return _answer(request, feed)


@router.post(
    "/me/calendar",
    response={201: CalendarOut, 401: ErrorOut},
    summary="Make a new private calendar address (the old one stops working)",
)
def calendar_renew(request):
    user = _me(request)
    return Status(201, _answer(request, personal_calendar_renew(user=user, by=user)))


@router.delete(
    "/me/calendar",
    response={204: None, 401: ErrorOut},
    summary="Revoke your private calendar address",
)
def calendar_revoke(request):
    user = _me(request)
    personal_calendar_revoke(user=user, by=user)
    return Status(204, None)
