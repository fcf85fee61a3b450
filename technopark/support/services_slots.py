"""Experts' weekly slots: published by the expert, booked by a founder, with their rules.

- An expert publishes recurring weekly slots (weekday, start, end, first and last week,
  at a place or by video). Each week's occurrence is one session of the slot's length.
- A founder sees each expert's next free occurrences and books one: a network-access
  request is opened for it and the session is booked through `services.session_book`,
  which spends the startup's expert hours for the period (the program's budget) and
  refuses a clash. The unique (expert, start) key of live sessions refuses a second
  booking of the same occurrence, whatever the timing (tested under concurrency).
- Cancellation: the startup cancels until `CANCEL_NOTICE_HOURS` before the start; later,
  the session stays and its hours count. The expert may cancel until the start.
- No-show: the expert marks a startup that did not come; its hours stay spent, and after
  `NO_SHOWS_ALLOWED` no-shows in a programme period the startup books no more slots in
  that period (the support staff can still book an expert for it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from technopark.core.actions import record
from technopark.core.errors import Conflict, DomainError
from technopark.startups.models import Startup
from technopark.support.models import Expert, ExpertSession, ExpertSlot, SlotBooking
from technopark.support.selectors import period_of

CASABLANCA = ZoneInfo("Africa/Casablanca")
CANCEL_NOTICE_HOURS = 24
NO_SHOWS_ALLOWED = 2
MIN_NOTICE_HOURS = 2  # a slot starting sooner is no longer offered
HORIZON_DAYS = 28


@dataclass(frozen=True)
class Occurrence:
    slot: ExpertSlot
    starts_at: dt.datetime

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(hours=float(self.slot.hours))

    @property
    def key(self) -> str:
        return f"{self.slot.pk}:{self.starts_at.isoformat()}"


# --- The expert's slots -------------------------------------------------------------------


@transaction.atomic
def expert_slot_publish(
    *,
    expert: Expert,
    weekday: int,
    start: dt.time,
    end: dt.time,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    mode: str = ExpertSlot.Mode.PLACE,
    place: str = "",
    by,
) -> ExpertSlot:
    if not 0 <= weekday <= 6:
        raise DomainError(_("Choose a day of the week."), field="weekday")
    if end <= start:
        raise DomainError(_("The slot must end after it starts."), field="end")
    hours = Decimal((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)) / 60
    if not Decimal("0.5") <= hours <= Decimal("8"):
        raise DomainError(_("A slot lasts from half an hour to 8 hours."), field="end")
    if valid_until is not None and valid_until < valid_from:
        raise DomainError(_("The last week must not be before the first."), field="valid_until")
    if mode not in ExpertSlot.Mode.values:
        raise DomainError(_("Say whether you receive at a place or by video."), field="mode")
    overlapping = expert.weekly_slots.filter(
        active=True, weekday=weekday, start__lt=end, end__gt=start
    )
    for other in overlapping:
        if (other.valid_until is None or other.valid_until >= valid_from) and (
            valid_until is None or valid_until >= other.valid_from
        ):
            raise Conflict(_("This slot overlaps one you already publish."), code="overlap")
    slot = ExpertSlot.objects.create(
        expert=expert,
        weekday=weekday,
        start=start,
        end=end,
        valid_from=valid_from,
        valid_until=valid_until,
        mode=mode,
        place=place.strip(),
    )
    record("expert_slot.published", slot, by=by, payload={"weekday": weekday})
    return slot


@transaction.atomic
def expert_slot_withdraw(*, slot: ExpertSlot, by) -> ExpertSlot:
    """No new booking; sessions already booked in it stay (cancel them one by one)."""
    slot = ExpertSlot.objects.select_for_update().get(pk=slot.pk)
    if not slot.active:
        raise Conflict(_("This slot is already withdrawn."), code="withdrawn")
    slot.active = False
    slot.save(update_fields=["active"])
    record("expert_slot.withdrawn", slot, by=by)
    return slot


# --- Reads --------------------------------------------------------------------------------


def _occurrences(slot: ExpertSlot, since: dt.datetime, days: int) -> list[Occurrence]:
    first = timezone.localtime(since, CASABLANCA).date()
    found = []
    for offset in range(days + 1):
        day = first + dt.timedelta(days=offset)
        if day.weekday() != slot.weekday or day < slot.valid_from:
            continue
        if slot.valid_until is not None and day > slot.valid_until:
            break
        starts_at = dt.datetime.combine(day, slot.start, tzinfo=CASABLANCA)
        if starts_at > since:
            found.append(Occurrence(slot, starts_at))
    return found


def free_occurrences(
    expert: Expert, *, days: int = HORIZON_DAYS, limit: int = 6
) -> list[Occurrence]:
    """The expert's next free occurrences: published, not too soon, not taken by a session."""
    since = timezone.now() + dt.timedelta(hours=MIN_NOTICE_HOURS)
    slots = [s for s in expert.weekly_slots.all() if s.active]
    if not slots:
        return []
    horizon = since + dt.timedelta(days=days + 1)
    taken = [
        (s.starts_at, s.ends_at)
        for s in expert.sessions.filter(
            status__in=ExpertSession.LIVE,
            starts_at__gte=since - dt.timedelta(hours=8),
            starts_at__lt=horizon,
        )
    ]
    free = [
        occurrence
        for slot in slots
        for occurrence in _occurrences(slot, since, days)
        if not any(a < occurrence.ends_at and occurrence.starts_at < b for a, b in taken)
    ]
    return sorted(free, key=lambda o: o.starts_at)[:limit]


def no_shows_in_period(startup: Startup, day: dt.date) -> int:
    period = period_of(startup, day)
    if period is None:
        return 0
    return SlotBooking.objects.filter(
        startup=startup, no_show=True, session__enrollment=period
    ).count()


def hours_by_startup(expert: Expert, since: dt.date) -> list[dict]:
    """The hours each startup booked with this expert since a day (live sessions)."""
    return list(
        ExpertSession.objects.filter(
            expert=expert, status__in=ExpertSession.LIVE, starts_at__date__gte=since
        )
        .values("request__startup__name")
        .annotate(hours=Sum("hours"))
        .order_by("-hours", "request__startup__name")
    )


def coming_bookings(startup_ids) -> QuerySet[SlotBooking]:
    return (
        SlotBooking.objects.filter(
            startup_id__in=startup_ids,
            session__status__in=(ExpertSession.Status.PROPOSED, ExpertSession.Status.ACCEPTED),
            session__starts_at__gte=timezone.now(),
        )
        .select_related("session__expert__user", "slot", "startup")
        .order_by("session__starts_at")
    )


# --- Booking, cancelling, no-shows ---------------------------------------------------------


def _check_occurrence(slot: ExpertSlot, starts_at: dt.datetime) -> None:
    local = timezone.localtime(starts_at, CASABLANCA)
    if (
        local.weekday() != slot.weekday
        or local.time().replace(tzinfo=None) != slot.start
        or local.date() < slot.valid_from
        or (slot.valid_until is not None and local.date() > slot.valid_until)
    ):
        raise DomainError(_("This time is not one of the expert's slots."), field="starts_at")
    if starts_at < timezone.now() + dt.timedelta(hours=MIN_NOTICE_HOURS):
        raise DomainError(
            ngettext(
                "Book at least %(hours)d hour ahead.",
                "Book at least %(hours)d hours ahead.",
                MIN_NOTICE_HOURS,
            )
            % {"hours": MIN_NOTICE_HOURS},
            code="too_soon",
            field="starts_at",
        )


@transaction.atomic
def slot_session_book(
    *, slot: ExpertSlot, starts_at: dt.datetime, startup: Startup, topic: str, by
) -> ExpertSession:
    """Book one occurrence of an expert's weekly slot for `startup`."""
    from technopark.support import services

    slot = ExpertSlot.objects.select_related("expert__user").get(pk=slot.pk)
    if not slot.active or not slot.expert.active:
        raise DomainError(_("This slot is no longer offered."), code="withdrawn")
    if not topic.strip():
        raise DomainError(_("Say what you want to work on with the expert."), field="topic")
    _check_occurrence(slot, starts_at)
    day = timezone.localtime(starts_at, CASABLANCA).date()
    if no_shows_in_period(startup, day) >= NO_SHOWS_ALLOWED:
        raise DomainError(
            ngettext(
                "%(startup)s missed %(n)d session in this period without cancelling: ask "
                "the support staff to book an expert.",
                "%(startup)s missed %(n)d sessions in this period without cancelling: ask "
                "the support staff to book an expert.",
                NO_SHOWS_ALLOWED,
            )
            % {"startup": startup.name, "n": NO_SHOWS_ALLOWED},
            code="no_shows",
        )
    expert = slot.expert
    request = services.request_create(
        startup=startup,
        family="network",
        title=_("Session with %(expert)s") % {"expert": expert},
        text=topic.strip(),
        by=by,
    )
    session = services.session_book(
        request=request, expert=expert, starts_at=starts_at, hours=slot.hours, by=by
    )
    SlotBooking.objects.create(session=session, slot=slot, startup=startup)
    return session  # `session_book` recorded `expert_session.booked`


def cancel_window_problem(session: ExpertSession, by) -> str | None:
    """Why the startup's side may not cancel this slot's session now (None when it may)."""
    if not hasattr(session, "slot_booking"):
        return None
    if by is not None and by.pk == session.expert.user_id:
        return None
    if session.starts_at - timezone.now() < dt.timedelta(hours=CANCEL_NOTICE_HOURS):
        return _(
            "A session is cancelled at least %(hours)d hours before it starts; it is too late "
            "now and its hours count. Write to the expert if you cannot come."
        ) % {"hours": CANCEL_NOTICE_HOURS}
    return None


@transaction.atomic
def slot_session_cancel(*, session: ExpertSession, reason: str, by) -> ExpertSession:
    """Cancel a session booked in a slot, within the window (`session_cancel` checks it)."""
    from technopark.support import services

    return services.session_cancel(session=session, reason=reason, by=by)  # records it


@transaction.atomic
def slot_session_no_show(*, session: ExpertSession, by) -> SlotBooking:
    """The expert says the startup did not come: the hours stay spent."""
    booking = (
        SlotBooking.objects.select_for_update(of=("self",))
        .select_related("session")
        .get(session=session)
    )
    if booking.session.starts_at > timezone.now():
        raise DomainError(_("A no-show is recorded once the session's time has come."))
    if booking.session.status in ExpertSession.FREED:
        raise DomainError(_("This session was cancelled or declined."))
    booking.no_show = True
    booking.save(update_fields=["no_show"])
    record("expert_session.no_show", booking.session, by=by, startup=booking.startup_id)
    return booking
