"""Writes of community life: events, registrations with a waiting list, check-in.

An event never confirms more people than its capacity: a registration takes a seat with
one guarded UPDATE of the event's `confirmed` counter (`confirmed < capacity`) in the
transaction that writes it, and a CHECK constraint (`confirmed <= capacity`) backs it.
When the UPDATE finds no seat, the person goes on the waiting list. `CAPACITY_GUARD =
False` is a test-only switch that registers the naive way (count, then write) to show the
race the guard prevents.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.community.models import Event, Registration
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.network.models import Site

CAPACITY_GUARD = True
RACE_PAUSE = 0.02


# --- Events ------------------------------------------------------------------------------


def _check_event(
    *, starts_at, ends_at, capacity: int, registration_deadline, title: str, kind, audience
):
    times = [t for t in (starts_at, ends_at, registration_deadline) if t is not None]
    if any(timezone.is_naive(t) for t in times):
        raise DomainError(
            _("Give times with their UTC offset, e.g. 2026-03-02T10:00:00+01:00."),
            code="naive_time",
            field="starts_at",
        )
    if not title.strip():
        raise DomainError(_("Give the event a title."), field="title")
    if kind not in Event.Kind.values:
        raise DomainError(_("Choose a kind of event."), field="kind")
    if audience not in Event.Audience.values:
        raise DomainError(_("Choose who the event is open to."), field="audience")
    if ends_at <= starts_at:
        raise DomainError(_("The event must end after it starts."), field="ends_at")
    if not 1 <= capacity <= 5000:
        raise DomainError(_("The capacity is 1 to 5,000 people."), field="capacity")
    if registration_deadline and registration_deadline > starts_at:
        raise DomainError(
            _("Registrations must close before the event starts."), field="registration_deadline"
        )


@transaction.atomic
def event_create(
    *,
    site: Site,
    title: str,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    audience: str = Event.Audience.NETWORK,
    description: str = "",
    location: str = "",
    registration_deadline: dt.datetime | None = None,
    requires_approval: bool = False,
    room=None,
    by,
) -> Event:
    """A new event; with a `room`, the room is reserved for it in the same transaction
    (the booking guard refuses it if the room is taken, and nobody can book it later)."""
    _check_event(
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        title=title,
        kind=kind,
        audience=audience,
        registration_deadline=registration_deadline,
    )
    if starts_at < timezone.now():
        raise DomainError(_("An event cannot start in the past."), field="starts_at")
    return Event.objects.create(
        site=site,
        title=title.strip(),
        kind=kind,
        audience=audience,
        description=description,
        location=location,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        registration_deadline=registration_deadline,
        requires_approval=requires_approval,
        created_by=by,
        room=room,
        room_booking=_reserve_room(site, room, starts_at, ends_at, title, by),
    )


def _reserve_room(site: Site, room, starts_at, ends_at, title: str, by):
    from technopark.booking.services import room_block

    if room is None:
        return None
    if room.site_id != site.pk:
        raise DomainError(_("Choose a room of the event's site."), field="room")
    return room_block(
        space=room,
        starts_at=starts_at,
        ends_at=ends_at,
        title=f"Événement : {title.strip()}",
        by=by,
    )


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise Conflict(_("This event is already cancelled."), code="cancelled")
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    if event.room_booking_id is not None:
        from technopark.booking.services import booking_cancel

        booking_cancel(booking=event.room_booking, by=by, notify=False)  # the room is free
    for registration in event.registrations.filter(status__in=Registration.ACTIVE).select_related(
        "user", "event__site"
    ):
        _notify(registration, "event_cancelled", by=by)
    return event


# --- Registrations -----------------------------------------------------------------------


def _check_open(event: Event) -> None:
    now = timezone.now()
    if event.status != Event.Status.PUBLISHED:
        raise DomainError(_("This event was cancelled."), code="cancelled")
    if event.starts_at <= now:
        raise DomainError(_("This event has already started."), code="started")
    if event.registration_deadline and event.registration_deadline < now:
        raise DomainError(_("Registrations are closed for this event."), code="closed")


def _take_seat(event: Event) -> bool:
    return bool(
        Event.objects.filter(pk=event.pk, confirmed__lt=F("capacity")).update(
            confirmed=F("confirmed") + 1
        )
    )


def _notify(registration: Registration, kind: str, *, by=None) -> None:
    """Tell the registered person, in their language (kinds in community/notifications.py),
    with the ticket's calendar invitation: a request while they hold a seat, a cancel when
    the event is cancelled or their registration declined."""
    from django.urls import reverse

    from technopark.community.ical import registration_invitation
    from technopark.core import ical
    from technopark.notifications.services import notification_send

    event = registration.event
    seated = kind in ("confirmed", "promoted", "reminder")
    method = (
        ical.REQUEST if seated else ical.CANCEL if kind in ("rejected", "event_cancelled") else None
    )
    ticket = reverse("community:ticket", args=[registration.ticket]) if seated else ""
    notification_send(
        to=registration.user,
        kind=f"community.{kind}",
        context={
            "title": event.title,
            "starts": timezone.localtime(event.starts_at).replace(tzinfo=None),
            "ends": timezone.localtime(event.ends_at).replace(tzinfo=None),
            "site": event.site.name,
            "location": event.location,
            "seated": seated,  # then the link (`url`) is the ticket
        },
        url=ticket or event.get_absolute_url(),
        attachments=[registration_invitation(registration, method)] if method else [],
        by=by,
    )


@transaction.atomic
@acts_for_by
def registrations_remind(*, today: dt.date, by=None) -> int:
    """Remind confirmed attendees of tomorrow's events, with their ticket, once each."""
    due = list(
        Registration.objects.select_for_update()
        .select_related("event__site", "user")
        .filter(
            status=Registration.Status.CONFIRMED,
            reminded_at__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__date=today + dt.timedelta(days=1),
        )
    )
    Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminded_at=timezone.now())
    for registration in due:
        _notify(registration, "reminder", by=by)
    return len(due)


@acts_for_by
def registration_create(*, event: Event, user, by=None) -> Registration:
    """Register `user`: confirmed while seats last, then on the waiting list.

    With the approval step, the registration waits for staff (it takes no seat yet).
    """
    if not CAPACITY_GUARD:
        return _register_unguarded(event=event, user=user)
    try:
        with transaction.atomic():
            event = Event.objects.get(pk=event.pk)  # its status now, not the caller's copy
            _check_open(event)
            if Registration.objects.filter(
                event=event, user=user, status__in=Registration.ACTIVE
            ).exists():
                raise Conflict(_("You are already registered."), code="already_registered")
            if event.requires_approval:
                status = Registration.Status.PENDING
            elif _take_seat(event):
                status = Registration.Status.CONFIRMED
            else:
                status = Registration.Status.WAITLISTED
            registration = Registration.objects.create(event=event, user=user, status=status)
            _notify(registration, status)
    except IntegrityError as exc:
        raise Conflict(_("You are already registered."), code="already_registered") from exc
    return registration


def _register_unguarded(*, event: Event, user) -> Registration:
    """The naive registration, for the control run only: count, then write."""
    _check_open(event)
    taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    time.sleep(RACE_PAUSE)
    status = (
        Registration.Status.CONFIRMED if taken < event.capacity else Registration.Status.WAITLISTED
    )
    with transaction.atomic():
        registration = Registration.objects.create(event=event, user=user, status=status)
        if status == Registration.Status.CONFIRMED:
            Event.objects.filter(pk=event.pk).update(confirmed=min(taken + 1, event.capacity))
    return registration


def _promote_waiting(event: Event) -> Registration | None:
    """Give a freed seat to the first on the waiting list, and tell them."""
    first = (
        Registration.objects.select_for_update()
        .filter(event=event, status=Registration.Status.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if first is None or not _take_seat(event):
        return None
    first.status = Registration.Status.CONFIRMED
    first.ical_sequence += 1
    first.save(update_fields=["status", "ical_sequence"])
    _notify(first, "promoted")
    return first


@transaction.atomic
@acts_for_by
def registration_cancel(*, registration: Registration, by) -> Registration | None:
    """Cancel; a freed seat goes to the first on the waiting list, who is returned."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in Registration.ACTIVE:
        raise Conflict(_("This registration is not active."), code="not_active")
    if registration.checked_in_at:
        raise Conflict(_("You already came to this event."), code="checked_in")
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.ical_sequence += 1
    registration.save(update_fields=["status", "ical_sequence"])
    if not was_confirmed:
        return None
    Event.objects.filter(pk=registration.event_id, confirmed__gt=0).update(
        confirmed=F("confirmed") - 1
    )
    event = registration.event
    if event.status == Event.Status.PUBLISHED and event.starts_at > timezone.now():
        return _promote_waiting(event)
    return None


@transaction.atomic
@acts_for_by
def registration_decide(*, registration: Registration, approve: bool, by) -> Registration:
    """Staff approve a pending registration (a seat, or the waiting list) or decline it."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        raise Conflict(_("This registration was already decided."), code="decided")
    if not approve:
        registration.status = Registration.Status.REJECTED
    elif _take_seat(registration.event):
        registration.status = Registration.Status.CONFIRMED
    else:
        registration.status = Registration.Status.WAITLISTED
    registration.ical_sequence += 1
    registration.save(update_fields=["status", "ical_sequence"])
    _notify(registration, registration.status)
    return registration


@transaction.atomic
@acts_for_by
def checkin(*, registration: Registration, by) -> tuple[Registration, bool]:
    """Mark a confirmed attendee present. Idempotent: returns (registration, first time)."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.CONFIRMED:
        raise DomainError(
            _("This ticket is not confirmed (%(status)s).")
            % {"status": registration.get_status_display()},
            code="not_confirmed",
        )
    if registration.checked_in_at:
        return registration, False
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    return registration, True
