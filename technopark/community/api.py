"""API of community life: events and registrations."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import (
    get_visible_or_404,
    principal,
    require,
)
from technopark.community import services
from technopark.community.models import Event, Registration
from technopark.community.permissions import visible_events, visible_registrations
from technopark.core.api_common import ErrorOut, Instant
from technopark.core.api_names import Texts
from technopark.core.query import parse_day
from technopark.core.translated import i18n
from technopark.network.models import Site

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    site: str
    title: str
    kind: str
    audience: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    capacity: int
    confirmed: int
    remaining: int
    registration_deadline: dt.datetime | None
    requires_approval: bool
    title_i18n: Texts

    @staticmethod
    def resolve_title_i18n(obj: Event) -> dict[str, str]:
        return i18n(obj, "title")

    @staticmethod
    def resolve_site(obj: Event) -> str:
        return obj.site.code


class EventIn(Schema):
    site: str
    title: str
    kind: str
    starts_at: Instant
    ends_at: Instant
    capacity: int
    audience: str = Event.Audience.NETWORK
    description: str = ""
    location: str = ""
    registration_deadline: Instant | None = None
    requires_approval: bool = False
    title_ar: str = ""
    title_en: str = ""
    description_ar: str = ""
    description_en: str = ""


class RegistrationOut(Schema):
    id: int
    event: int
    status: str
    ticket: str | None

    @staticmethod
    def resolve_event(obj: Registration) -> int:
        return obj.event_id

    @staticmethod
    def resolve_ticket(obj: Registration) -> str | None:
        return obj.ticket if obj.status == Registration.Status.CONFIRMED else None


@router.get(
    "/events",
    response={200: list[EventOut], 400: ErrorOut},
    summary="Events you may see, by site and dates",
)
@paginate
def events_list(request, site: str = "", from_: str = Query("", alias="from"), to: str = ""):
    qs = visible_events(request.user).order_by("starts_at")
    if site:
        qs = qs.filter(site__code=site)
    start = parse_day(from_, field="from")
    end = parse_day(to, field="to")
    if start:
        qs = qs.filter(ends_at__date__gte=start)
    if end:
        qs = qs.filter(starts_at__date__lte=end)
    if not start and not end:
        qs = qs.filter(ends_at__gte=dt.datetime.now(dt.UTC))
    return qs.order_by("starts_at", "pk")


@router.post("/events", response={201: EventOut}, summary="Create an event (staff of the site)")
def event_create(request, payload: EventIn):
    site = get_object_or_404(Site, code=payload.site)
    require(request.user, "event.add", site)
    data = payload.dict()
    data.pop("site")
    event = services.event_create(site=site, by=request.user, **data)
    return Status(201, event)


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut},
    summary="Register yourself: confirmed, waitlisted or pending approval",
)
def registration_create(request, event_id: int):
    event = get_visible_or_404(visible_events(request.user), pk=event_id)
    require(request.user, "event.register", event, view_perm="event.view")
    registration = services.registration_create(event=event, user=request.user, by=request.user)
    return Status(201, registration)


@router.delete(
    "/events/{event_id}/registrations/mine", response={204: None}, summary="Cancel yours"
)
def registration_delete(request, event_id: int):
    event = get_visible_or_404(visible_events(request.user), pk=event_id)
    p = principal(request.user)
    # Through the person's visible registrations: an anonymous caller has none (a filter on
    # `user_id=None` would have matched the event's guests).
    registration = get_visible_or_404(
        visible_registrations(request.user).filter(
            event=event, user_id=p.user_id, status__in=Registration.ACTIVE
        )
    )
    services.registration_cancel(registration=registration, by=request.user)
    return Status(204, None)
