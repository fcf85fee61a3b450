"""API of the guichet unique: desks and services, slots, appointments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.api_common import ErrorOut, Instant, signed_in_user
from technopark.core.errors import Conflict, DomainError
from technopark.core.query import parse_day
from technopark.desk import services, services_files
from technopark.desk.models import (
    Appointment,
    Desk,
    DeskFile,
    FileEvent,
    FileStep,
    Procedure,
    Service,
    Slot,
)
from technopark.desk.permissions import visible_appointments, visible_desks, visible_files
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


# --- Files across desks: procedures and a startup's files (desk/services_files.py) ---------


class ProcedureStepOut(Schema):
    position: int
    name: str
    desk_kind: str
    place: str
    pieces: list[str]
    delay_days: int


class ProcedureOut(Schema):
    code: str
    name: str
    description: str
    total_days: int
    steps: list[ProcedureStepOut]


class FileStepOut(Schema):
    id: int
    position: int
    name: str
    desk: int | None
    status: str
    due_on: dt.date | None
    blocked_reason: str
    started_at: dt.datetime | None
    done_at: dt.datetime | None

    @staticmethod
    def resolve_name(obj: FileStep) -> str:
        return obj.step.name

    @staticmethod
    def resolve_desk(obj: FileStep) -> int | None:
        return obj.desk_id


class FilePieceOut(Schema):
    id: int
    label: str
    step: int | None
    size: int
    uploaded_at: dt.datetime

    @staticmethod
    def resolve_step(obj) -> int | None:
        return obj.step_id


class FileEventOut(Schema):
    kind: str
    step: int | None
    text: str
    internal: bool
    at: dt.datetime

    @staticmethod
    def resolve_step(obj: FileEvent) -> int | None:
        return obj.step_id


class DeskFileOut(Schema):
    id: int
    procedure: str
    procedure_name: str
    startup: str
    site: str
    status: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    current_step: int | None
    steps: list[FileStepOut]
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_procedure(obj: DeskFile) -> str:
        return obj.procedure.code

    @staticmethod
    def resolve_procedure_name(obj: DeskFile) -> str:
        return obj.procedure.name

    @staticmethod
    def resolve_startup(obj: DeskFile) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_site(obj: DeskFile) -> str:
        return obj.site.code

    @staticmethod
    def resolve_steps(obj: DeskFile) -> list[FileStep]:
        return list(obj.steps.all())

    @staticmethod
    def resolve_current_step(obj: DeskFile) -> int | None:
        current = next((s for s in obj.steps.all() if s.status != FileStep.Status.DONE), None)
        return current.pk if current is not None else None


class DeskFileDetailOut(DeskFileOut):
    pieces: list[FilePieceOut]
    events: list[FileEventOut]

    @staticmethod
    def resolve_pieces(obj: DeskFile) -> list:
        return list(obj.pieces.order_by("uploaded_at", "pk"))

    @staticmethod
    def resolve_events(obj: DeskFile) -> list[FileEvent]:
        return obj.events_shown


class DeskFileIn(Schema):
    procedure: str = Field(max_length=40, description="A procedure's code (GET /procedures)")
    startup: str | None = Field(
        None, max_length=40, description="Your startup's reference (your first one)"
    )


class FileMoveIn(Schema):
    move: str = Field(description="start, done or block (block needs a reason)")
    reason: str = Field("", max_length=2000)


def _files(user):
    """The files `user` may see, each with the time it last changed (its last event)."""
    last = (
        FileEvent.objects.filter(file=OuterRef("pk"))
        .values("file")
        .annotate(last=Max("at"))
        .values("last")
    )
    return (
        visible_files(user)
        .annotate(updated_at=Coalesce(Subquery(last), "opened_at"))
        .prefetch_related("steps__step")
    )


def _file_detail(user, pk: int) -> DeskFile:
    file = get_visible_or_404(_files(user), pk=pk)
    require(user, "desk_file.view", file)
    events = file.events.order_by("at", "pk")
    if not can(user, "desk_file.internal", file):
        events = events.filter(internal=False)
    file.events_shown = list(events[:200])
    return file


@router.get(
    "/procedures",
    response=list[ProcedureOut],
    summary="The procedures the guichet unique follows, step by step (public); a catalogue: "
    "no updated_since",
)
@paginate
def procedures_list(request):
    rows = Procedure.objects.filter(active=True).prefetch_related("steps").order_by("name", "pk")
    return [
        {
            "code": p.code,
            "name": p.name,
            "description": p.description,
            "total_days": p.total_days,
            "steps": [
                {
                    "position": s.position,
                    "name": s.name,
                    "desk_kind": s.desk_kind,
                    "place": s.place,
                    "pieces": s.pieces,
                    "delay_days": s.delay_days,
                }
                for s in p.steps.all()
            ],
        }
        for p in rows
    ]


@router.get(
    "/desk-files",
    response=list[DeskFileOut],
    summary="Files across desks you may see (your startup's; those at your desks or your "
    "site); status: open or closed",
)
@paginate
def desk_files_list(request, status: str = "", startup: str = "", procedure: str = ""):
    qs = _files(request.user).order_by("-opened_at", "-pk")
    if status:
        qs = qs.filter(status=status[:10])
    if startup:
        qs = qs.filter(startup__ref=startup[:40])
    if procedure:
        qs = qs.filter(procedure__code=procedure[:40])
    return qs


@router.get(
    "/desk-files/{file_id}",
    response=DeskFileDetailOut,
    summary="One file: its steps, pieces and history (internal notes only for who runs it)",
)
def desk_file_get(request, file_id: int):
    return _file_detail(request.user, file_id)


@router.post(
    "/desk-files",
    response={201: DeskFileDetailOut, 400: ErrorOut, 409: ErrorOut},
    summary="Open a file of a procedure for your startup (its members), as on the page",
)
def desk_file_create(request, payload: DeskFileIn):
    signed_in_user(request)
    require(request.user, "desk_file.open")
    startup = booking_startup(request.user, payload.startup)
    require(request.user, "desk_file.open", startup)
    procedure = get_visible_or_404(Procedure.objects.filter(active=True), code=payload.procedure)
    file = services_files.desk_file_open(procedure=procedure, startup=startup, by=request.user)
    return Status(201, _file_detail(request.user, file.pk))


@router.post(
    "/desk-files/{file_id}/move",
    response={200: DeskFileDetailOut, 400: ErrorOut, 409: ErrorOut},
    summary="Start, finish (done) or block the file's current step (the agents of its desk, "
    "the site's staff); finishing the last step completes the file",
)
def desk_file_move(request, file_id: int, payload: FileMoveIn):
    file = get_visible_or_404(visible_files(request.user), pk=file_id)
    require(request.user, "desk_file.view", file)
    step = services_files.current_step(file)
    if step is None:
        raise Conflict(_("This file is completed."), code="closed")
    require(request.user, "desk_file.move", step)
    services_files.desk_file_step_move(
        step=step, move=payload.move, reason=payload.reason, by=request.user
    )
    return _file_detail(request.user, file.pk)
