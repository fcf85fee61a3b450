"""Writes of the guichet unique: slots, bookings, the agent's day, cases and ratings.

A slot never takes more bookings than its capacity: `appointment_book` raises the slot's
`booked` counter with one guarded UPDATE (`booked < capacity`) inside the transaction that
inserts the appointment, and a CHECK constraint (`booked <= capacity`) backs it. On
PostgreSQL the UPDATE holds the row lock until commit; on SQLite the IMMEDIATE
transaction holds the write lock. `CAPACITY_GUARD = False` is a test-only switch that
books the naive way (count, then insert) to show the race the guard prevents.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by, set_actor
from technopark.core.errors import Conflict, DomainError
from technopark.core.translated import name_of
from technopark.desk.models import Appointment, Case, Desk, Service, Slot
from technopark.startups.models import Membership, Startup
from technopark.surveys.models import SatisfactionAnswer
from technopark.surveys.services.satisfaction import satisfaction_record

CASABLANCA = ZoneInfo("Africa/Casablanca")
MAX_SLOT_CAPACITY = 50
MAX_BULK_DAYS = 92

# Test-only: with the guard off, bookings check availability with a plain read before
# the write transaction (the classic check-then-insert), so concurrent requests race.
CAPACITY_GUARD = True
RACE_PAUSE = 0.02


def _full() -> Conflict:
    return Conflict(_("This slot is full: choose another time."), code="full")


# --- Slots -------------------------------------------------------------------------------


def _check_slot(*, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError(
            _("Give times with their UTC offset, e.g. 2026-03-02T10:00:00+01:00."),
            code="naive_time",
            field="starts_at",
        )
    if ends_at <= starts_at:
        raise DomainError(_("The slot must end after it starts."), field="ends_at")
    if ends_at - starts_at > dt.timedelta(hours=12):
        raise DomainError(_("A slot lasts at most 12 hours."), field="ends_at")
    if not 1 <= capacity <= MAX_SLOT_CAPACITY:
        raise DomainError(
            _("The capacity is the number of agents available: 1 to %(max)d.")
            % {"max": MAX_SLOT_CAPACITY},
            field="capacity",
        )
    if starts_at < timezone.now():
        raise DomainError(_("A slot cannot start in the past."), field="starts_at")


@transaction.atomic
def slot_create(
    *, desk: Desk, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int, by
) -> Slot:
    _check_slot(starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    if Slot.objects.filter(desk=desk, starts_at=starts_at).exists():
        raise Conflict(_("This desk already has a slot starting then."), code="slot_exists")
    slot = Slot.objects.create(
        desk=desk, starts_at=starts_at, ends_at=ends_at, capacity=capacity, created_by=by
    )
    record(
        "desk_slot.published",
        slot,
        by=by,
        site=desk.site_id,
        payload={"desk": desk.code, "starts_at": starts_at, "capacity": capacity},
    )
    return slot


@transaction.atomic
def slots_bulk_create(
    *,
    desk: Desk,
    first_day: dt.date,
    last_day: dt.date,
    weekdays: set[int],
    day_start: dt.time,
    day_end: dt.time,
    minutes: int,
    capacity: int,
    by,
) -> int:
    """Publish a slot every `minutes` from `day_start` to `day_end` on the chosen weekdays.

    Times are Casablanca wall-clock times. Slots that already exist are kept; the count
    of new slots is returned.
    """
    if last_day < first_day:
        raise DomainError(_("The last day must not be before the first."), field="last_day")
    if (last_day - first_day).days > MAX_BULK_DAYS:
        raise DomainError(
            _("Publish at most %(days)d days at once.") % {"days": MAX_BULK_DAYS},
            field="last_day",
        )
    if not weekdays:
        raise DomainError(_("Choose at least one weekday."), field="weekdays")
    if not 10 <= minutes <= 240:
        raise DomainError(_("A slot lasts 10 to 240 minutes."), field="minutes")
    if day_end <= day_start:
        raise DomainError(_("The day must end after it starts."), field="day_end")
    now = timezone.now()
    existing = set(
        Slot.objects.filter(
            desk=desk,
            starts_at__date__gte=first_day - dt.timedelta(days=1),
            starts_at__date__lte=last_day + dt.timedelta(days=1),
        ).values_list("starts_at", flat=True)
    )
    new: list[Slot] = []
    day = first_day
    step = dt.timedelta(minutes=minutes)
    while day <= last_day:
        if day.weekday() in weekdays:
            start = dt.datetime.combine(day, day_start, tzinfo=CASABLANCA)
            stop = dt.datetime.combine(day, day_end, tzinfo=CASABLANCA)
            while start + step <= stop:
                if start >= now and start not in existing:
                    _check_slot(starts_at=start, ends_at=start + step, capacity=capacity)
                    new.append(
                        Slot(
                            desk=desk,
                            starts_at=start,
                            ends_at=start + step,
                            capacity=capacity,
                            created_by=by,
                        )
                    )
                start += step
        day += dt.timedelta(days=1)
    Slot.objects.bulk_create(new)
    return len(new)


# --- Booking -----------------------------------------------------------------------------


def _check_booking(*, slot: Slot, service: Service, startup: Startup) -> None:
    if service.desk_id != slot.desk_id or not service.active:
        raise DomainError(_("This desk does not offer this service."), field="service")
    if not slot.desk.active:
        raise DomainError(_("This desk is closed."), code="desk_closed")
    if slot.starts_at <= timezone.now():
        raise DomainError(_("This slot has already started."), code="past", field="slot")


def desk_agents(desk_id: int) -> list:
    from technopark.accounts.models import User

    return list(
        User.objects.filter(roles__kind="desk_agent", roles__desk_id=desk_id, is_active=True)
        .distinct()
        .order_by("pk")
    )


def _notify(appointment: Appointment, event: str, *, by=None, moved_from=None) -> None:
    """Tell the person who booked (with the invite.ics: REQUEST while it holds, CANCEL once
    cancelled) and the desk's agents, each in their language (kinds in desk/notifications.py).

    `event`: booked, moved, cancelled or reminder (the agents are not reminded)."""
    from django.urls import reverse

    from technopark.core import ical
    from technopark.desk.ical import appointment_invitation
    from technopark.notifications.services import notification_send

    appointment = (
        Appointment.objects.select_related("slot__desk__site", "service", "startup", "booked_by")
        .filter(pk=appointment.pk)
        .get()
    )
    desk = appointment.slot.desk
    context = {
        "desk": desk,
        "service": appointment.service,
        "site": name_of(desk.site),
        "startup": appointment.startup.name,
        "starts": appointment.slot.starts_at,
        "ends": appointment.slot.ends_at,
        "moved_from": moved_from,
        "note": appointment.note,
        # Cancelled by someone outside the startup: the desk (or the site's staff).
        "by_desk": getattr(by, "pk", None) is not None
        and not Membership.objects.filter(startup_id=appointment.startup_id, user=by).exists(),
    }
    booker = appointment.booked_by
    if booker is not None:
        method = ical.CANCEL if event == "cancelled" else ical.REQUEST
        language = booker.language or settings.LANGUAGE_CODE
        notification_send(
            to=booker,
            kind=f"desk.{event}",
            context=context,
            url=reverse("desk:my_appointments"),
            attachments=[appointment_invitation(appointment, method, language)],
        )
    if event != "reminder":
        agents = [a for a in desk_agents(desk.pk) if a != by]
        day = timezone.localdate(appointment.slot.starts_at).isoformat()
        notification_send(
            to=agents,
            kind=f"desk.agent_{event}",
            context=context,
            url=f"{reverse('desk:manage', args=[desk.pk])}?date={day}",
        )


def appointment_book(
    *, slot: Slot, service: Service, startup: Startup, note: str = "", by
) -> Appointment:
    """Book `slot` for `startup`; 409 `full` when every agent of the slot is taken."""
    if not CAPACITY_GUARD:
        return _book_unguarded(slot=slot, service=service, startup=startup, note=note, by=by)
    try:
        with transaction.atomic():
            _check_booking(slot=slot, service=service, startup=startup)
            if Appointment.objects.filter(
                slot=slot, startup=startup, status__in=Appointment.LIVE
            ).exists():
                raise Conflict(_("Your startup already has this slot."), code="already_booked")
            taken = Slot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(
                booked=F("booked") + 1
            )
            if not taken:
                raise _full()
            appointment = Appointment.objects.create(
                slot=slot, service=service, startup=startup, note=note.strip(), booked_by=by
            )
            record("appointment.booked", appointment, by=by, site=slot.desk.site_id, payload={"desk": slot.desk.code, "starts_at": slot.starts_at})  # fmt: skip
            _notify(appointment, "booked", by=by)
    except IntegrityError as exc:  # the CHECK or the unique key, should a path slip by
        raise Conflict(_("This slot was just taken: choose another."), code="full") from exc
    slot.refresh_from_db(fields=["booked"])
    return appointment


def _book_unguarded(*, slot, service, startup, note, by) -> Appointment:
    """The naive booking, for the control run only: read the count, then write."""
    _check_booking(slot=slot, service=service, startup=startup)
    taken = Appointment.objects.filter(slot=slot, status__in=Appointment.LIVE).count()
    time.sleep(RACE_PAUSE)
    if taken >= slot.capacity:
        raise _full()
    with transaction.atomic():
        appointment = Appointment.objects.create(
            slot=slot, service=service, startup=startup, note=note, booked_by=by
        )
        Slot.objects.filter(pk=slot.pk).update(booked=min(taken + 1, slot.capacity))
        _notify(appointment, "booked", by=by)
    return appointment


@transaction.atomic
@acts_for_by
def appointment_cancel(*, appointment: Appointment, by) -> Appointment:
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status != Appointment.Status.BOOKED:
        raise Conflict(_("Only a coming appointment can be cancelled."), code="not_booked")
    if appointment.slot.starts_at <= timezone.now():
        raise Conflict(_("This appointment has already started."), code="past")
    appointment.status = Appointment.Status.CANCELLED
    appointment.handled_at = timezone.now()
    appointment.ical_sequence += 1
    appointment.save(update_fields=["status", "handled_at", "ical_sequence"])
    Slot.objects.filter(pk=appointment.slot_id, booked__gt=0).update(booked=F("booked") - 1)
    record("appointment.cancelled", appointment, by=by, site=appointment.slot.desk.site_id)
    _notify(appointment, "cancelled", by=by)
    return appointment


@acts_for_by
def appointment_move(*, appointment: Appointment, slot: Slot, by) -> Appointment:
    """Move a coming appointment to another slot of the same desk (409 `full` when that
    slot has no agent left); the person who booked gets the updated invitation."""
    try:
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update(of=("self",))
                .select_related("slot__desk", "service", "startup")
                .get(pk=appointment.pk)
            )
            if appointment.status != Appointment.Status.BOOKED:
                raise Conflict(_("Only a coming appointment can be moved."), code="not_booked")
            if appointment.slot.starts_at <= timezone.now():
                raise Conflict(_("This appointment has already started."), code="past")
            if slot.pk == appointment.slot_id:
                raise DomainError(_("Choose another time."), field="slot")
            if slot.desk_id != appointment.slot.desk_id:
                raise DomainError(_("Choose a time at the same desk."), field="slot")
            _check_booking(slot=slot, service=appointment.service, startup=appointment.startup)
            if Appointment.objects.filter(
                slot=slot, startup=appointment.startup, status__in=Appointment.LIVE
            ).exists():
                raise Conflict(_("Your startup already has this slot."), code="already_booked")
            if not Slot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(
                booked=F("booked") + 1
            ):
                raise _full()
            old = appointment.slot
            Slot.objects.filter(pk=old.pk, booked__gt=0).update(booked=F("booked") - 1)
            appointment.slot = slot
            appointment.reminded_at = None
            appointment.ical_sequence += 1
            appointment.save(update_fields=["slot", "reminded_at", "ical_sequence"])
            _notify(appointment, "moved", by=by, moved_from=old.starts_at)
            record(
                "appointment.moved",
                appointment,
                by=by,
                site=slot.desk.site_id,
                payload={
                    "desk": slot.desk.code,
                    "from": old.starts_at,
                    "starts_at": slot.starts_at,
                },
            )
    except IntegrityError as exc:
        raise Conflict(_("This slot was just taken: choose another."), code="full") from exc
    return appointment


@acts_for_by
def appointments_remind(*, today: dt.date, by=None) -> int:
    """Remind whoever booked tomorrow's appointments, once each (run by `technopark daily`)."""
    tomorrow = today + dt.timedelta(days=1)
    with transaction.atomic():
        due = list(
            Appointment.objects.select_for_update().filter(
                status=Appointment.Status.BOOKED,
                reminded_at__isnull=True,
                slot__starts_at__date=tomorrow,
            )
        )
        Appointment.objects.filter(pk__in=[a.pk for a in due]).update(reminded_at=timezone.now())
        for appointment in due:
            _notify(appointment, "reminder")
    return len(due)


# --- The agent's day ---------------------------------------------------------------------


@transaction.atomic
@acts_for_by
def appointment_handle(
    *, appointment: Appointment, status: str, outcome: str = "", case: Case | None = None, by
) -> Appointment:
    """Mark an appointment done (with its outcome) or no-show, and file it in a case."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if status not in (Appointment.Status.DONE, Appointment.Status.NO_SHOW):
        raise DomainError(_("Mark the appointment done or no-show."), field="status")
    if appointment.status not in (Appointment.Status.BOOKED, status):
        raise Conflict(_("This appointment was already handled."), code="already_handled")
    if timezone.localdate(appointment.slot.starts_at) > timezone.localdate():
        raise DomainError(_("This appointment is not due yet."), code="not_due")
    if status == Appointment.Status.DONE and not outcome.strip():
        raise DomainError(_("Say what was done for the startup."), field="outcome")
    if case is not None and (
        case.startup_id != appointment.startup_id or case.desk_id != appointment.slot.desk_id
    ):
        raise DomainError(_("This case is about another startup or desk."), field="case")
    appointment.status = status
    appointment.outcome = outcome.strip()
    appointment.handled_at = timezone.now()
    if case is not None:
        appointment.case = case
    appointment.save(update_fields=["status", "outcome", "handled_at", "case"])
    record(
        "appointment.handled",
        appointment,
        by=by,
        site=appointment.slot.desk.site_id,
        payload={"status": status, "case": appointment.case_id},
    )
    return appointment


@transaction.atomic
@acts_for_by
def case_open(*, desk: Desk, startup: Startup, title: str, notes: str = "", by) -> Case:
    if not title.strip():
        raise DomainError(_("Give the case a subject."), field="title")
    case = Case.objects.create(desk=desk, startup=startup, title=title.strip(), notes=notes)
    record("desk_case.opened", case, by=by, site=desk.site_id, payload={"desk": desk.code})
    return case


@transaction.atomic
@acts_for_by
def case_close(*, case: Case, notes: str = "", by) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == Case.Status.CLOSED:
        raise Conflict(_("This case is already closed."), code="closed")
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    if notes.strip():
        case.notes = (case.notes + "\n" + notes.strip()).strip()
    case.save(update_fields=["status", "closed_at", "notes"])
    record(
        "desk_case.closed", case, by=by, site=case.desk.site_id, payload={"desk": case.desk.code}
    )
    return case


# --- Satisfaction ------------------------------------------------------------------------


@transaction.atomic
def appointment_rate(*, appointment: Appointment, score: int, comment: str = "", by) -> None:
    """The startup rates a done appointment; the bilan counts it as a satisfaction answer."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("slot__desk")
        .get(pk=appointment.pk)
    )
    if appointment.status != Appointment.Status.DONE:
        raise DomainError(_("Only a done appointment can be rated."), code="not_done")
    if appointment.rating is not None:
        raise Conflict(_("You already rated this appointment."), code="already_rated")
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise DomainError(_("Rate from 1 to 5."), field="score")
    appointment.rating = score
    appointment.save(update_fields=["rating"])
    # One answer per startup, day and desk: a second appointment rated the same day at
    # the same desk updates it to the latest score.
    satisfaction_record(
        startup=appointment.startup,
        score=score,
        comment=comment,
        channel=SatisfactionAnswer.Channel.DESK,
        subject=appointment.slot.desk.code,
        replace=True,
        by=by,
    )


def _copy_desk_services(desk: Desk) -> None:
    """Give a new desk the services its counterpart offers at the network's oldest site."""
    template = (
        Desk.objects.filter(kind=desk.kind, active=True, site__opened_on__isnull=False)
        .exclude(pk=desk.pk)
        .order_by("site__opened_on", "pk")
        .first()
    )
    if template is None:
        return
    skip = {"id", "desk"}
    names = [f.name for f in Service._meta.concrete_fields if f.name not in skip]
    Service.objects.bulk_create(
        Service(desk=desk, **{name: getattr(s, name) for name in names})
        for s in template.services.filter(active=True)
    )


@transaction.atomic
def desk_ensure(*, code: str, site, partner: str, name: str, by=None) -> Desk:
    """The desk of this code, opened at the site if it does not exist yet (the demo logins'
    desk agent needs theirs before the desks' own seeding)."""
    with set_actor(by):
        desk, _created = Desk.objects.get_or_create(
            code=code, defaults={"site": site, "partner": partner, "name": name}
        )
    return desk


@transaction.atomic
def desks_open_standard(*, site, by) -> list[Desk]:
    """A new site's guichet unique: the catalogue's standard partner desks, each with the
    services its counterpart offers at the oldest site. Desks already there are kept."""
    from technopark.desk.catalogue import DESKS, STANDARD_KINDS

    created_desks = []
    with set_actor(by):
        for kind, partner, (fr, _ar, _en), _location in DESKS:
            if kind not in STANDARD_KINDS:
                continue
            desk, created = Desk.objects.get_or_create(
                code=f"{site.code}-{partner}",
                defaults={
                    "site": site,
                    "partner": partner,
                    "name": f"{partner} — {fr}",
                    "kind": kind,
                },
            )
            if created:
                _copy_desk_services(desk)
                created_desks.append(desk)
    return created_desks
