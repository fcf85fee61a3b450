"""API of the guichet unique: desks and services, slots, appointments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, principal, require
from technopark.core.api_common import ErrorOut, Instant
from technopark.core.errors import DomainError
from technopark.core.query import parse_day
from technopark.desk import services
from technopark.desk.models import Appointment, Desk, Service, Slot
from technopark.desk.permissions import visible_appointments, visible_desks
from technopark.desk.selectors import slots_on
from technopark.startups.models import Startup

router = Router(tags=["desks"])


class ServiceOut(Schema):
    code: str
    name: str
    documents: list[str]
    price_mad: Decimal
    delay: str


class DeskOut(Schema):
    id: int
    code: str
    kind: str
    partner: str
    name: str
    site: str
    location: str
    services: list[ServiceOut]

    @staticmethod
    def resolve_name(obj: Desk) -> str:
        return obj.label

    @staticmethod
    def resolve_site(obj: Desk) -> str:
        return obj.site.code

    @staticmethod
    def resolve_services(obj: Desk) -> list[Service]:
        return [s for s in obj.services.all() if s.active]


class SlotOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    booked: int
    remaining: int


class SlotIn(Schema):
    starts_at: Instant
    ends_at: Instant
    capacity: int = 1


class AppointmentIn(Schema):
    slot: int
    service: str
    note: str = ""
    startup: str | None = None


class AppointmentMoveIn(Schema):
    slot: int


class AppointmentOut(Schema):
    id: int
    desk: int
    slot: int
    starts_at: dt.datetime
    service: str
    startup: str
    status: str
    note: str

    @staticmethod
    def resolve_desk(obj: Appointment) -> int:
        return obj.slot.desk_id

    @staticmethod
    def resolve_slot(obj: Appointment) -> int:
        return obj.slot_id

    @staticmethod
    def resolve_starts_at(obj: Appointment) -> dt.datetime:
        return obj.slot.starts_at

    @staticmethod
    def resolve_service(obj: Appointment) -> str:
        return obj.service.code

    @staticmethod
    def resolve_startup(obj: Appointment) -> str:
        return obj.startup.ref


@router.get("/desks", response=list[DeskOut], summary="The partner desks, with their services")
@paginate
def desks_list(request, site: str = ""):
    qs = visible_desks(request.user).prefetch_related("services").order_by("site__code", "code")
    if site:
        qs = qs.filter(site__code=site)
    return qs


@router.get(
    "/desks/{desk_id}/slots",
    response={200: list[SlotOut], 400: ErrorOut},
    summary="A desk's slots on a day",
)
@paginate
def desk_slots(request, desk_id: int, date: str = ""):
    desk = get_visible_or_404(visible_desks(request.user), pk=desk_id)
    return slots_on(desk, parse_day(date, field="date") or dt.date.today())


@router.post(
    "/desks/{desk_id}/slots", response={201: SlotOut}, summary="Publish a slot (agents, staff)"
)
def desk_slot_create(request, desk_id: int, payload: SlotIn):
    desk = get_visible_or_404(visible_desks(request.user), pk=desk_id)
    require(request.user, "desk.manage", desk, view_perm="desk.view")
    slot = services.slot_create(
        desk=desk,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        capacity=payload.capacity,
        by=request.user,
    )
    return Status(201, slot)


def booking_startup(user, ref: str | None) -> Startup:
    """The startup a member books for: the one named, or their only (first) one."""
    ids = principal(user).startup_ids
    qs = Startup.objects.filter(pk__in=ids).order_by("pk")
    startup = qs.filter(ref=ref).first() if ref else qs.first()
    if startup is None:
        raise Http404
    return startup


@router.get("/appointments", response=list[AppointmentOut], summary="Appointments you may see")
@paginate
def appointments_list(request, status: str = ""):
    qs = visible_appointments(request.user).select_related("slot", "service", "startup")
    qs = qs.order_by("-slot__starts_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    return qs


@router.post(
    "/appointments", response={201: AppointmentOut}, summary="Book a slot (startup members)"
)
def appointment_create(request, payload: AppointmentIn):
    slot = get_visible_or_404(
        Slot.objects.filter(desk__in=visible_desks(request.user)).select_related("desk"),
        pk=payload.slot,
    )
    require(request.user, "desk.book", slot)
    service = Service.objects.filter(
        desk_id=slot.desk_id, code=payload.service, active=True
    ).first()
    if service is None:
        codes = ", ".join(slot.desk.services.filter(active=True).values_list("code", flat=True))
        raise DomainError(
            _("This desk has no service %(code)s; use one of: %(codes)s.")
            % {"code": payload.service, "codes": codes},
            field="service",
        )
    startup = booking_startup(request.user, payload.startup)
    appointment = services.appointment_book(
        slot=slot, service=service, startup=startup, note=payload.note, by=request.user
    )
    return Status(201, appointment)


@router.delete("/appointments/{appointment_id}", response={204: None}, summary="Cancel")
def appointment_delete(request, appointment_id: int):
    appointment = get_visible_or_404(visible_appointments(request.user), pk=appointment_id)
    require(request.user, "appointment.cancel", appointment, view_perm="appointment.view")
    services.appointment_cancel(appointment=appointment, by=request.user)
    return Status(204, None)


@router.post(
    "/appointments/{appointment_id}/move",
    response=AppointmentOut,
    summary="Move to another slot of the same desk",
)
def appointment_move(request, appointment_id: int, payload: AppointmentMoveIn):
    appointment = get_visible_or_404(visible_appointments(request.user), pk=appointment_id)
    require(request.user, "appointment.cancel", appointment, view_perm="appointment.view")
    slot = get_visible_or_404(
        Slot.objects.filter(desk_id=appointment.slot.desk_id), pk=payload.slot
    )
    return services.appointment_move(appointment=appointment, slot=slot, by=request.user)
