"""Writes about bookings: book, move, cancel, repeat weekly, block, and the room's rules.

No two confirmed bookings (or blockings) of one room overlap. The database holds it
(exclusion constraint on PostgreSQL, triggers on SQLite); the service checks first under a
lock so users get a clear message: on SQLite the transaction is IMMEDIATE, so the check
and the insert run under the write lock; on PostgreSQL the room's row is locked.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from technopark.booking.models import Booking, BookingRule
from technopark.booking.rules import Rules, local, rules_for
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.core.translated import name_of
from technopark.network.models import Space
from technopark.startups.models import Startup


@dataclass
class RaceGuard:
    """Test-only switch for the control run of the concurrency tests.

    With `serialise=False` the service does the naive thing (check, pause, insert, with no
    transaction or lock around them), which is what the race tests show to fail.
    """

    serialise: bool = True
    pause_seconds: float = 0.0


GUARD = RaceGuard()


def _overlapping(space: Space, starts_at: dt.datetime, ends_at: dt.datetime, exclude=None):
    qs = Booking.objects.filter(
        space=space,
        status__in=Booking.HOLDING,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs


def _conflict_for(other: Booking | None) -> Conflict:
    if other is None:
        return Conflict(_("This room is already taken at that time."))
    span = (
        f"{formats.time_format(local(other.starts_at), 'TIME_FORMAT')}–"
        f"{formats.time_format(local(other.ends_at), 'TIME_FORMAT')}"
    )
    if other.is_blocking:
        message = _("The room is blocked %(span)s (%(title)s).") % {
            "span": span,
            "title": other.title,
        }
    else:
        message = _("The room is already booked %(span)s.") % {"span": span}
    return Conflict(message)


def _validate_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError(
            _("Give times with their UTC offset, e.g. 2026-03-02T10:00:00+01:00."),
            code="naive_time",
        )
    if ends_at <= starts_at:
        raise DomainError(_("The end must be after the start."), code="end_before_start")


def _validate_rules(space: Space, rules: Rules, starts_at, ends_at, now: dt.datetime) -> None:
    if not space.bookable or not rules.bookable:
        raise DomainError(_("This space cannot be booked."), code="not_bookable")
    start, end = local(starts_at), local(ends_at)
    if starts_at < now:
        raise DomainError(_("This time is already past."), code="in_the_past")
    if start.date() > local(now).date() + dt.timedelta(days=rules.max_days_ahead):
        raise DomainError(
            _("This room can be booked at most %(days)d days ahead.")
            % {"days": rules.max_days_ahead},
            code="too_far_ahead",
        )
    if (ends_at - starts_at) > dt.timedelta(minutes=rules.max_minutes):
        raise DomainError(
            _("A booking of this room lasts at most %(hours)s.")
            % {"hours": _format_minutes(rules.max_minutes)},
            code="too_long",
        )
    if start.isoweekday() not in rules.weekdays:
        raise DomainError(_("The room is closed on that day."), code="closed_day")
    if start.date() != end.date() or start.time() < rules.opens_at or end.time() > rules.closes_at:
        raise DomainError(
            _("The room is open from %(opens)s to %(closes)s (Casablanca time).")
            % {
                "opens": rules.opens_at.strftime("%H:%M"),
                "closes": rules.closes_at.strftime("%H:%M"),
            },
            code="outside_hours",
        )


def _format_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _save_guarded(booking: Booking, *, exclude: Booking | None = None) -> None:
    """Check for an overlap and write, serialised per room; the database is the backstop."""
    try:
        if not GUARD.serialise:
            # Control run only: the naive check-then-write with nothing serialising it.
            taken = _overlapping(booking.space, booking.starts_at, booking.ends_at, exclude).first()
            time.sleep(GUARD.pause_seconds)
            if taken is not None:
                raise _conflict_for(taken)
            booking.save()
            return
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # One writer per room at a time; the exclusion constraint stays the backstop.
                list(Space.objects.select_for_update().filter(pk=booking.space_id).values("pk"))
            taken = _overlapping(booking.space, booking.starts_at, booking.ends_at, exclude).first()
            if taken is not None:
                raise _conflict_for(taken)
            booking.save()
    except IntegrityError as exc:
        if "booking_no_overlap" in str(exc):
            raise _conflict_for(None) from exc
        raise


def _notify(booking: Booking, event: str) -> None:
    """Tell the person who booked, in their language (kinds in booking/notifications.py)."""
    from django.urls import reverse

    from technopark.booking.ical import booking_invitation
    from technopark.booking.rules import local
    from technopark.core import ical
    from technopark.notifications.services import notification_send

    # The calendar invitation: a request while the slot is held for the person, a cancel
    # when it no longer is; a request awaiting approval carries none yet.
    method = {
        "confirmed": ical.REQUEST,
        "approved": ical.REQUEST,
        "moved": ical.REQUEST,
        "cancelled": ical.CANCEL,
        "declined": ical.CANCEL,
    }.get(event)
    # The invitation names the room and site in the language its recipient reads.
    with translation.override(booking.booked_by.language or settings.LANGUAGE_CODE):
        attachments = [booking_invitation(booking, method)] if method else []
    notification_send(
        to=booking.booked_by,
        kind=f"booking.{event}",
        context={
            "title": booking.title,
            "room": name_of(booking.space, fallback=booking.space.code),
            "site": name_of(booking.site),
            "starts": local(booking.starts_at).replace(tzinfo=None),
            "ends": local(booking.ends_at).replace(tzinfo=None),
            "reason": booking.decision_reason,
        },
        url=reverse("booking:index"),
        attachments=attachments,
    )


def booking_create(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str,
    by,
    startup: Startup | None = None,
    series: uuid.UUID | None = None,
    now: dt.datetime | None = None,
) -> Booking:
    """Book a room. Raises DomainError (bad input, rules) or Conflict (overlap)."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the booking a title."), code="title_required", field="title")
    _validate_times(starts_at, ends_at)
    _validate_rules(space, rules_for(space), starts_at, ends_at, now or timezone.now())
    rules = rules_for(space)
    booking = Booking(
        site_id=space.site_id,
        space=space,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title[:200],
        startup=startup,
        booked_by=by,
        series=series,
        # A hall's booking is a request until the site decides; it holds the slot.
        status=Booking.Status.REQUESTED if rules.needs_approval else Booking.Status.CONFIRMED,
    )
    _save_guarded(booking)
    record("booking.created", booking, by=by, payload={"space": space.code, "status": booking.status, "starts_at": starts_at, "ends_at": ends_at})  # fmt: skip
    _notify(booking, "requested" if booking.status == Booking.Status.REQUESTED else "confirmed")
    return booking


@transaction.atomic
@acts_for_by
def booking_approve(*, booking: Booking, by) -> Booking:
    """The site approves a hall request: it becomes a confirmed booking (it already held
    its slot, so nothing can have taken it meanwhile)."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.REQUESTED:
        raise DomainError(_("Only a request awaiting approval can be approved."), code="bad_state")
    booking.status = Booking.Status.CONFIRMED
    booking.ical_sequence += 1
    booking.save(update_fields=["status", "ical_sequence", "updated_at"])
    record("booking.approved", booking, by=by, payload={"starts_at": booking.starts_at})
    _notify(booking, "approved")
    return booking


@transaction.atomic
@acts_for_by
def booking_decline(*, booking: Booking, reason: str, by) -> Booking:
    """The site declines a hall request, saying why; the slot is free again."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    reason = (reason or "").strip()
    if booking.status != Booking.Status.REQUESTED:
        raise DomainError(_("Only a request awaiting approval can be declined."), code="bad_state")
    if not reason:
        raise DomainError(_("Tell the requester why."), code="no_reason", field="reason")
    booking.status = Booking.Status.DECLINED
    booking.decision_reason = reason[:300]
    booking.ical_sequence += 1
    booking.save(update_fields=["status", "decision_reason", "ical_sequence", "updated_at"])
    record("booking.declined", booking, by=by, payload={"starts_at": booking.starts_at})
    _notify(booking, "declined")
    return booking


@dataclass
class SeriesResult:
    created: list[Booking] = field(default_factory=list)
    refused: list[tuple[dt.date, str]] = field(default_factory=list)


def booking_create_weekly(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str,
    by,
    occurrences: int,
    startup: Startup | None = None,
    now: dt.datetime | None = None,
) -> SeriesResult:
    """Book the same local time every week, `occurrences` times; each date checked alone.

    Dates that conflict or break a rule are reported, the others are booked.
    """
    if not 1 <= occurrences <= 26:
        raise DomainError(
            _("Repeat between 1 and 26 times."), code="bad_occurrences", field="occurrences"
        )
    _validate_times(starts_at, ends_at)
    series = uuid.uuid4()
    result = SeriesResult()
    start_local, end_local = local(starts_at), local(ends_at)
    for week in range(occurrences):
        # Same wall-clock time each week, even across a change of UTC offset (Ramadan).
        day = start_local.date() + dt.timedelta(weeks=week)
        s = dt.datetime.combine(day, start_local.time(), tzinfo=start_local.tzinfo)
        e = dt.datetime.combine(
            day + (end_local.date() - start_local.date()), end_local.time(), tzinfo=end_local.tzinfo
        )
        try:
            result.created.append(
                booking_create(
                    space=space,
                    starts_at=s,
                    ends_at=e,
                    title=title,
                    by=by,
                    startup=startup,
                    series=series,
                    now=now,
                )
            )
        except DomainError as exc:
            result.refused.append((day, exc.message))
    return result


@transaction.atomic
@acts_for_by
def booking_move(
    *,
    booking: Booking,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    by,
    now: dt.datetime | None = None,
) -> Booking:
    if booking.status != Booking.Status.CONFIRMED:
        raise DomainError(_("A cancelled booking cannot be moved."), code="cancelled")
    _validate_times(starts_at, ends_at)
    if not booking.is_blocking:
        _validate_rules(
            booking.space, rules_for(booking.space), starts_at, ends_at, now or timezone.now()
        )
    was = booking.starts_at
    booking.starts_at, booking.ends_at = starts_at, ends_at
    booking.ical_sequence += 1
    _save_guarded(booking, exclude=booking)
    record("booking.moved", booking, by=by, payload={"from": was, "starts_at": starts_at, "ends_at": ends_at})  # fmt: skip
    _notify(booking, "moved")
    return booking


@transaction.atomic
@acts_for_by
def booking_cancel(*, booking: Booking, by, notify: bool = True) -> Booking:
    if booking.status == Booking.Status.CANCELLED:
        return booking
    booking.status = Booking.Status.CANCELLED
    booking.ical_sequence += 1
    booking.save(update_fields=["status", "ical_sequence", "updated_at"])
    record("booking.cancelled", booking, by=by, payload={"starts_at": booking.starts_at})
    if notify and not booking.is_blocking:
        _notify(booking, "cancelled")
    return booking


@transaction.atomic
def room_block(
    *,
    space: Space,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str,
    by,
    cancel_bookings: bool = False,
) -> Booking:
    """Staff block a room (maintenance, an event); bookings in the way are refused or
    cancelled (their authors are told) when `cancel_bookings`."""
    _validate_times(starts_at, ends_at)
    if not space.bookable:
        raise DomainError(_("This space cannot be booked."), code="not_bookable")
    if cancel_bookings:
        for other in _overlapping(space, starts_at, ends_at).filter(kind=Booking.Kind.BOOKING):
            booking_cancel(booking=other, by=by)
    blocking = Booking(
        site_id=space.site_id,
        space=space,
        kind=Booking.Kind.BLOCKING,
        starts_at=starts_at,
        ends_at=ends_at,
        title=(title or "").strip()[:200] or _("Blocked"),
        booked_by=by,
    )
    _save_guarded(blocking)
    return blocking


@transaction.atomic
@acts_for_by
def booking_rule_set(*, space: Space, data: dict, by) -> BookingRule:
    """Staff change a room's rules (the row is created the first time)."""
    if not space.bookable:
        raise DomainError(_("This space cannot be booked."), code="not_bookable")
    rule, _created = BookingRule.objects.get_or_create(space=space)
    for key, value in data.items():
        setattr(rule, key, value)
    if rule.closes_at <= rule.opens_at:
        raise DomainError(_("The room must close after it opens."), code="bad_hours")
    weekdays = "".join(sorted({ch for ch in rule.weekdays if ch in "1234567"}))
    if not weekdays:
        raise DomainError(_("Choose at least one open day."), code="no_days")
    rule.weekdays = weekdays
    rule.full_clean()
    rule.save()
    record(
        "booking_rule.changed",
        rule,
        by=by,
        site=space.site_id,
        payload={"space": space.code, "fields": sorted(data)},
    )
    return rule


@transaction.atomic
def feed_create(*, user, space: Space | None = None):
    from technopark.booking.models import CalendarFeed

    feed = CalendarFeed.objects.create(user=user, space=space, token=CalendarFeed.new_token())
    # No `by`: the actor is the request's user as the audit trail knows it.
    record(
        "calendar_feed.created",
        feed,
        by=None,
        site=space.site_id if space else None,
        label=f"#{feed.pk} {space.code if space else ''}".strip(),
        payload={"space": space.code if space else None},
    )
    return feed


@transaction.atomic
def feed_revoke(*, feed) -> None:
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        space = feed.space
        record(
            "calendar_feed.revoked",
            feed,
            by=None,
            site=space.site_id if space else None,
            label=f"#{feed.pk} {space.code if space else ''}".strip(),
        )


def room_hire_bill_month(*, site, month: dt.date, by=None) -> list:
    """Hand billing the month's meeting-room hire at `site`: the hours each startup's
    confirmed bookings took (residents get the site's free hours, see
    `billing.services.room_hire_charge_month`). Safe to run again."""
    from decimal import Decimal

    from technopark.billing.services.charges import room_hire_charge_month
    from technopark.billing.services.invoices import month_bounds
    from technopark.hosting.selectors import residents_in_month

    first, after = month_bounds(month)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(after, dt.time(), tzinfo=tz)
    hours: dict[int, Decimal] = {}
    bookings = Booking.objects.filter(
        site=site,
        kind=Booking.Kind.BOOKING,
        status=Booking.Status.CONFIRMED,
        startup__isnull=False,
        starts_at__gte=start,
        starts_at__lt=end,
    ).values_list("startup_id", "starts_at", "ends_at")
    for startup_id, starts_at, ends_at in bookings:
        seconds = Decimal((ends_at - starts_at).total_seconds())
        hours[startup_id] = hours.get(startup_id, Decimal("0")) + seconds / 3600
    return room_hire_charge_month(
        site=site,
        month=first,
        hours=hours,
        residents=residents_in_month(site, first, after),
        by=by,
    )
