"""API: support requests (market, financing, network access): read by the startup's
members and the staff who handle them; asked by a startup's members, through the same
permission layer and service as the pages."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, principal, require
from technopark.core.api_common import ErrorOut, Instant, signed_in_user
from technopark.startups.models import Startup
from technopark.support import services, services_slots
from technopark.support.models import Expert, ExpertSession, ExpertSlot, ServiceRequest
from technopark.support.permissions import visible_requests, visible_sessions

router = Router(tags=["support"])


class SupportRequestOut(Schema):
    id: int
    startup: str
    site: str | None
    family: str
    title: str
    text: str
    instrument: str
    amount_requested: Decimal | None
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_startup(obj: ServiceRequest) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_site(obj: ServiceRequest) -> str | None:
        return obj.site.code if obj.site_id else None


class SupportRequestIn(Schema):
    family: str = Field(description="market, financing or network")
    title: str = Field(max_length=200)
    text: str = Field(max_length=10_000)
    instrument: str = ""
    amount_requested: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    startup: str | None = Field(None, description="Your startup's reference (your first one)")


@router.get(
    "/support-requests", response=list[SupportRequestOut], summary="Support requests you may see"
)
@paginate
def support_requests_list(request, status: str = "", family: str = "", startup: str = ""):
    qs = visible_requests(request.user).order_by("-created_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    if family:
        qs = qs.filter(family=family)
    if startup:
        qs = qs.filter(startup__ref=startup)
    return qs


@router.get(
    "/support-requests/{request_id}", response=SupportRequestOut, summary="One support request"
)
def support_request_get(request, request_id: int):
    return get_visible_or_404(visible_requests(request.user), pk=request_id)


@router.post(
    "/support-requests",
    response={201: SupportRequestOut, 400: ErrorOut},
    summary="Ask for support (a startup's members)",
)
def support_request_create(request, payload: SupportRequestIn):
    signed_in_user(request)
    require(request.user, "support.request")
    ids = principal(request.user).startup_ids
    mine = Startup.objects.filter(pk__in=ids).order_by("pk")
    startup = mine.filter(ref=payload.startup).first() if payload.startup else mine.first()
    if startup is None:
        raise Http404
    created = services.request_create(
        startup=startup,
        family=payload.family,
        title=payload.title,
        text=payload.text,
        instrument=payload.instrument,
        amount_requested=payload.amount_requested,
        by=request.user,
    )
    return Status(201, visible_requests(request.user).get(pk=created.pk))


# --- Experts' weekly slots (support/services_slots.py), as on /support/experts/book/ --------


class FreeSlotOut(Schema):
    slot: int
    expert: int
    expert_name: str
    headline: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    hours: Decimal
    mode: str
    place: str


class ExpertSessionOut(Schema):
    id: int
    expert: int
    expert_name: str
    startup: str
    request: int
    starts_at: dt.datetime
    hours: Decimal
    status: str
    cancel_reason: str

    @staticmethod
    def resolve_expert(obj: ExpertSession) -> int:
        return obj.expert_id

    @staticmethod
    def resolve_expert_name(obj: ExpertSession) -> str:
        return str(obj.expert)

    @staticmethod
    def resolve_startup(obj: ExpertSession) -> str:
        return obj.request.startup.ref

    @staticmethod
    def resolve_request(obj: ExpertSession) -> int:
        return obj.request_id


class SlotBookingIn(Schema):
    starts_at: Instant = Field(description="The occurrence's start, as GET /expert-slots gives it")
    topic: str = Field(max_length=2000, description="What to work on with the expert")
    startup: str | None = Field(None, description="Your startup's reference (your first one)")


class SessionCancelIn(Schema):
    reason: str = Field("", max_length=2000)


@router.get(
    "/expert-slots",
    response={200: list[FreeSlotOut]},
    summary="The experts' next free weekly-slot occurrences, to book (a startup's members); "
    "computed, not records: no updated_since",
)
@paginate
def expert_slots_list(request, expert: int | None = None):
    signed_in_user(request)
    require(request.user, "expert_slot.book")
    experts = (
        Expert.objects.filter(active=True, weekly_slots__active=True)
        .distinct()
        .select_related("user")
        .prefetch_related("weekly_slots")
        .order_by("pk")
    )
    if expert is not None:
        experts = experts.filter(pk=expert)
    rows = [
        {
            "slot": o.slot.pk,
            "expert": e.pk,
            "expert_name": str(e),
            "headline": e.headline,
            "starts_at": o.starts_at,
            "ends_at": o.ends_at,
            "hours": o.slot.hours,
            "mode": o.slot.mode,
            "place": o.slot.place,
        }
        for e in experts
        for o in services_slots.free_occurrences(e)
    ]
    return sorted(rows, key=lambda r: (r["starts_at"], r["slot"]))


@router.post(
    "/expert-slots/{slot_id}/bookings",
    response={201: ExpertSessionOut, 400: ErrorOut, 409: ErrorOut},
    summary="Book one occurrence of an expert's weekly slot for your startup (its members): "
    "it spends the startup's expert hours of the period",
)
def expert_slot_book(request, slot_id: int, payload: SlotBookingIn):
    signed_in_user(request)
    require(request.user, "expert_slot.book")
    slot = get_visible_or_404(
        ExpertSlot.objects.filter(active=True, expert__active=True), pk=slot_id
    )
    ids = principal(request.user).startup_ids
    mine = Startup.objects.filter(pk__in=ids).order_by("pk")
    startup = mine.filter(ref=payload.startup).first() if payload.startup else mine.first()
    if startup is None:
        raise Http404
    session = services_slots.slot_session_book(
        slot=slot,
        starts_at=payload.starts_at,
        startup=startup,
        topic=payload.topic,
        by=request.user,
    )
    return Status(201, _session(request.user, session.pk))


def _session(user, pk: int) -> ExpertSession:
    return get_visible_or_404(visible_sessions(user).filter(slot_booking__isnull=False), pk=pk)


@router.post(
    "/expert-sessions/{session_id}/cancel",
    response={200: ExpertSessionOut, 400: ErrorOut},
    summary="Cancel a session booked in a weekly slot (the startup until 24 hours before it "
    "starts, the expert until it starts, the staff who handle the request)",
)
def expert_session_cancel(request, session_id: int, payload: SessionCancelIn):
    session = _session(request.user, session_id)
    require(request.user, "expert_session.cancel", session)
    services_slots.slot_session_cancel(session=session, reason=payload.reason, by=request.user)
    return _session(request.user, session.pk)
