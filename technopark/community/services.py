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

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technopark.community.models import Answer, Event, Question, Registration
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.core.signed import load_signed
from technopark.core.translated import name_of
from technopark.network.models import Site

CAPACITY_GUARD = True
RACE_PAUSE = 0.02

# A guest's confirmation link is signed (Django's signing, SECRET_KEY) and expires.
GUEST_CONFIRM_MAX_AGE = 48 * 3600
GUEST_CONFIRM_SALT = "community.guest-confirm"


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
    title_ar: str = "",
    title_en: str = "",
    description_ar: str = "",
    description_en: str = "",
    cohort_program=None,
    cohort_site=None,
    by,
) -> Event:
    """A new event; with a `room`, the room is reserved for it in the same transaction
    (the booking guard refuses it if the room is taken, and nobody can book it later).
    For a cohort (`audience="cohort"`: a program's current startups, at one site or all),
    only its members may register, and they are told of it when it is published."""
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
    if audience == Event.Audience.COHORT and cohort_program is None:
        raise DomainError(_("Choose the program whose cohort is invited."), field="cohort_program")
    if audience != Event.Audience.COHORT:
        cohort_program = cohort_site = None
    event = Event.objects.create(
        site=site,
        title=title.strip(),
        title_ar=title_ar.strip(),
        title_en=title_en.strip(),
        kind=kind,
        audience=audience,
        description=description,
        description_ar=description_ar,
        description_en=description_en,
        location=location,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        registration_deadline=registration_deadline,
        requires_approval=requires_approval,
        created_by=by,
        room=room,
        room_booking=_reserve_room(site, room, starts_at, ends_at, title, by),
        cohort_program=cohort_program,
        cohort_site=cohort_site,
    )
    if event.audience == Event.Audience.COHORT:
        _notify_cohort(event, by=by)
    return event


def _notify_cohort(event: Event, *, by=None) -> int:
    """Tell the members of the cohort's startups of its event, each in their language."""
    from technopark.community.permissions import cohort_enrollments
    from technopark.notifications.services import notification_send
    from technopark.startups.models import Membership

    members = [
        m.user
        for m in Membership.objects.filter(
            startup_id__in=cohort_enrollments(event).values("startup_id"), user__is_active=True
        ).select_related("user")
    ]
    notification_send(
        to=members,
        kind="community.cohort_event",
        context={
            "event": event,
            "program": event.cohort_program,
            "starts": timezone.localtime(event.starts_at).replace(tzinfo=None),
        },
        url=event.get_absolute_url(),
        by=by,
    )
    return len(members)


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


# The kinds sent while the registration is alive: they carry a link to cancel it.
_CANCELLABLE = ("guest_confirm", "confirmed", "promoted", "waitlisted", "pending", "reminder")


def guest_confirm_token(registration: Registration) -> str:
    return signing.dumps(
        {"r": registration.pk, "t": registration.ticket}, salt=GUEST_CONFIRM_SALT, compress=True
    )


def cancel_url(registration: Registration) -> str:
    """A member cancels from the event's page; a guest from the secret link of their ticket."""
    if registration.is_guest:
        return reverse("community:guest_cancel", args=[registration.ticket])
    return registration.event.get_absolute_url()


def _absolute(path: str) -> str:
    from django.conf import settings

    return settings.SITE_URL.rstrip("/") + path


def _notify(registration: Registration, kind: str, *, by=None) -> None:
    """Tell the registered person, in their language (kinds in community/notifications.py),
    with the ticket's calendar invitation: a request while they hold a seat, a cancel when
    the event is cancelled or their registration declined. A guest (no account) gets the
    e-mail only, at their address, in the language they registered in."""
    from technopark.community.ical import registration_invitation
    from technopark.core import ical
    from technopark.notifications.services import notification_send

    event = registration.event
    seated = kind in ("confirmed", "promoted", "reminder")
    method = (
        ical.REQUEST if seated else ical.CANCEL if kind in ("rejected", "event_cancelled") else None
    )
    ticket = reverse("community:ticket", args=[registration.ticket]) if seated else ""
    context = {
        "title": name_of(event, "title"),
        "starts": timezone.localtime(event.starts_at).replace(tzinfo=None),
        "ends": timezone.localtime(event.ends_at).replace(tzinfo=None),
        "site": name_of(event.site),
        "location": event.location,
        "seated": seated,  # then the link (`url`) is the ticket
        "cancel_url": _absolute(cancel_url(registration)) if kind in _CANCELLABLE else "",
    }
    url = ticket or event.get_absolute_url()
    if kind == "guest_confirm":
        url = reverse("community:guest_confirm", args=[guest_confirm_token(registration)])
    elif kind == "certificate":
        url = reverse("community:certificate", args=[registration.ticket])
    reader = registration.language if registration.is_guest else registration.user.language
    with translation.override(reader or settings.LANGUAGE_CODE):  # the invitation's names
        attachments = [registration_invitation(registration, method)] if method else []
    notification_send(
        to=registration.guest_email if registration.is_guest else registration.user,
        kind=f"community.{kind}",
        context=context,
        url=url,
        attachments=attachments,
        language=registration.language or None if registration.is_guest else None,
        by=by,
    )


def _notify_staff_pending(registration: Registration) -> None:
    """A registration waits for approval: the event's organiser and the site's managers hear
    of it, with a link to the pending registrations."""
    from django.contrib.auth import get_user_model

    from technopark.notifications.services import notification_send

    event = registration.event
    managers = list(
        get_user_model()
        .objects.filter(is_active=True, roles__kind="site_manager", roles__site_id=event.site_id)
        .distinct()
    )
    organiser = [event.created_by] if event.created_by_id else []
    notification_send(
        to=organiser + [m for m in managers if m.pk != event.created_by_id],
        kind="community.approval_requested",
        context={
            "title": name_of(event, "title"),
            "person": registration.person_name,
            "email": registration.person_email,
            "guest": registration.is_guest,
            "starts": timezone.localtime(event.starts_at).replace(tzinfo=None),
            "site": name_of(event.site),
        },
        url=reverse("community:event_manage", args=[event.pk]) + "?status=pending",
    )


@transaction.atomic
@acts_for_by
def registrations_remind(*, today: dt.date, by=None) -> int:
    """Remind confirmed attendees of tomorrow's events, with their ticket, once each."""
    due = list(
        Registration.objects.select_for_update(of=("self",))
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


@transaction.atomic
@acts_for_by
def registrations_follow_up(*, today: dt.date, by=None) -> int:
    """Thank yesterday's attendees who came (checked in), with the link to their
    certificate of attendance, once each."""
    due = list(
        Registration.objects.select_for_update(of=("self",))
        .select_related("event__site", "user")
        .filter(
            checked_in_at__isnull=False,
            followed_up_at__isnull=True,
            event__ends_at__date__lt=today,
            event__ends_at__date__gte=today - dt.timedelta(days=7),
        )
    )
    Registration.objects.filter(pk__in=[r.pk for r in due]).update(followed_up_at=timezone.now())
    for registration in due:
        _notify(registration, "certificate", by=by)
    return len(due)


def _clean_answers(event: Event, answers: dict | None) -> dict[Question, str]:
    """The answers to the event's questions, keyed by question id (a string or int), each
    checked: required ones given, a choice among the options, yes/no as `yes` or `no`."""
    answers = {str(k): (v or "").strip() for k, v in (answers or {}).items()}
    cleaned = {}
    for question in event.questions.all():
        value = answers.get(str(question.pk), "")
        if not value:
            if question.required:
                raise DomainError(
                    _("Answer the question: %(question)s") % {"question": question.label},
                    code="answer_required",
                    field=f"q{question.pk}",
                )
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.option_list:
            raise DomainError(
                _("Choose one of the options: %(question)s") % {"question": question.label},
                field=f"q{question.pk}",
            )
        if question.kind == Question.Kind.YES_NO and value not in ("yes", "no"):
            raise DomainError(
                _("Answer yes or no: %(question)s") % {"question": question.label},
                field=f"q{question.pk}",
            )
        cleaned[question] = value[:2000]
    return cleaned


def _save_answers(registration: Registration, cleaned: dict[Question, str]) -> None:
    Answer.objects.bulk_create(
        Answer(registration=registration, question=q, value=v) for q, v in cleaned.items()
    )


def _check_cohort(event: Event, user) -> None:
    from technopark.accounts.permissions import principal
    from technopark.community.permissions import in_cohort

    if event.audience == Event.Audience.COHORT and not in_cohort(principal(user), event):
        raise DomainError(
            _("This event is reserved for the cohort of %(program)s.")
            % {"program": event.cohort_program.name},
            code="not_in_cohort",
        )


@acts_for_by
def registration_create(
    *, event: Event, user, answers: dict | None = None, by=None
) -> Registration:
    """Register `user`: confirmed while seats last, then on the waiting list.

    With the approval step, the registration waits for staff (it takes no seat yet), and
    they are told. `answers` answer the event's questions ({question id: value}).
    """
    cleaned = _clean_answers(event, answers)
    if not CAPACITY_GUARD:
        return _register_unguarded(event=event, user=user)
    try:
        with transaction.atomic():
            event = Event.objects.get(pk=event.pk)  # its status now, not the caller's copy
            _check_open(event)
            _check_cohort(event, user)
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
            record("registration.created", registration, by=by or user, site=event.site_id, payload={"event": event.pk, "status": status})  # fmt: skip
            _save_answers(registration, cleaned)
            _notify(registration, status)
            if status == Registration.Status.PENDING:
                _notify_staff_pending(registration)
    except IntegrityError as exc:
        raise Conflict(_("You are already registered."), code="already_registered") from exc
    return registration


# --- Guests: registering to a public event without an account ----------------------------


@transaction.atomic
def guest_registration_create(
    *, event: Event, name: str, email: str, language: str, answers: dict | None = None
) -> Registration:
    """An outside visitor registers to a public event with a name and an e-mail address.

    The registration is `unconfirmed` and holds no seat: the e-mail carries a signed link,
    valid GUEST_CONFIRM_MAX_AGE, that confirms it (`guest_registration_confirm`).
    """
    event = Event.objects.select_related("site").get(pk=event.pk)
    if event.audience != Event.Audience.PUBLIC:
        raise DomainError(_("Log in to register to this event."), code="not_public")
    _check_open(event)
    name = " ".join(name.split())
    email = email.strip().lower()
    if not name:
        raise DomainError(_("Give your name."), field="name")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise DomainError(_("Give a valid e-mail address."), field="email") from exc
    cleaned = _clean_answers(event, answers)
    if Registration.objects.filter(
        event=event, user__isnull=True, guest_email=email, status__in=Registration.ACTIVE
    ).exists():
        raise Conflict(
            _("This e-mail address is already registered to this event."),
            code="already_registered",
            field="email",
        )
    registration = Registration.objects.create(
        event=event,
        guest_name=name[:150],
        guest_email=email,
        language=language if language in ("fr", "ar", "en") else "fr",
        status=Registration.Status.UNCONFIRMED,
    )
    _save_answers(registration, cleaned)
    _notify(registration, "guest_confirm")
    # A guest has no account: no actor; labelled by its number, never the guest's name.
    record(
        "registration.created",
        registration,
        by=None,
        site=event.site_id,
        label=f"#{registration.pk} → {event}",
        payload={"event": event.pk, "status": registration.status, "guest": True},
    )
    return registration


def guest_registration_for_token(token: str) -> Registration:
    """The registration a confirmation link names; DomainError when forged or expired."""
    data = load_signed(
        token,
        salt=GUEST_CONFIRM_SALT,
        max_age=GUEST_CONFIRM_MAX_AGE,
        expired=_("This confirmation link has expired: register again."),
        invalid=_("This confirmation link is not valid."),
    )
    registration = (
        Registration.objects.select_related("event__site")
        .filter(pk=data.get("r"), ticket=data.get("t"), user__isnull=True)
        .first()
    )
    if registration is None:
        raise DomainError(_("This confirmation link is not valid."), code="bad_token")
    return registration


def guest_registration_confirm(*, token: str) -> Registration:
    """The guest followed their link: a seat (ticket and invite.ics), the waiting list, or
    the organisers' approval, as for a member. Following it again changes nothing."""
    registration = guest_registration_for_token(token)
    try:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("event__site")
                .get(pk=registration.pk)
            )
            if registration.status != Registration.Status.UNCONFIRMED:
                if registration.status in Registration.ACTIVE:
                    return registration
                raise Conflict(_("This registration was cancelled."), code="not_active")
            event = Event.objects.get(pk=registration.event_id)
            _check_open(event)
            if event.requires_approval:
                status = Registration.Status.PENDING
            elif _take_seat(event):
                status = Registration.Status.CONFIRMED
            else:
                status = Registration.Status.WAITLISTED
            registration.status = status
            registration.save(update_fields=["status"])
            _notify(registration, status)
            if status == Registration.Status.PENDING:
                _notify_staff_pending(registration)
    except IntegrityError as exc:
        raise Conflict(
            _("This e-mail address is already registered to this event."),
            code="already_registered",
        ) from exc
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
    if registration.status not in (*Registration.ACTIVE, Registration.Status.UNCONFIRMED):
        raise Conflict(_("This registration is not active."), code="not_active")
    if registration.checked_in_at:
        raise Conflict(_("You already came to this event."), code="checked_in")
    was = registration.status
    was_confirmed = was == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.ical_sequence += 1
    registration.save(update_fields=["status", "ical_sequence"])
    record("registration.cancelled", registration, by=by, site=registration.event.site_id, payload={"event": registration.event_id, "was": was})  # fmt: skip
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
    record("registration.approved" if approve else "registration.declined", registration, by=by, site=registration.event.site_id, payload={"event": registration.event_id, "status": registration.status})  # fmt: skip
    _notify(registration, registration.status)
    return registration


@transaction.atomic
@acts_for_by
def registration_promote(*, registration: Registration, by) -> Registration:
    """Staff give a seat to someone on the waiting list (in the order they choose), while
    a seat is free; the person is told as when a seat frees up."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.WAITLISTED:
        raise Conflict(_("This person is not on the waiting list."), code="not_waitlisted")
    event = registration.event
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        raise DomainError(_("This event is over or cancelled."), code="closed")
    if not _take_seat(event):
        raise Conflict(_("The event is full: no seat is free to give."), code="full")
    registration.status = Registration.Status.CONFIRMED
    registration.ical_sequence += 1
    registration.save(update_fields=["status", "ical_sequence"])
    record("registration.promoted", registration, by=by, site=event.site_id, payload={"event": event.pk})  # fmt: skip
    _notify(registration, "promoted")
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
    record("registration.checked_in", registration, by=by, startup=None, site=registration.event.site_id, payload={"event": registration.event_id})  # fmt: skip
    return registration, True


# --- Registration questions --------------------------------------------------------------


@transaction.atomic
@acts_for_by
def question_add(
    *, event: Event, label: str, kind: str, options: str = "", required: bool = False, by
) -> Question:
    """A question asked on the event's registration form (members and guests)."""
    label = " ".join(label.split())
    if not label:
        raise DomainError(_("Write the question."), field="label")
    if kind not in Question.Kind.values:
        raise DomainError(_("Choose a kind of question."), field="kind")
    lines = [line.strip() for line in options.splitlines() if line.strip()]
    if kind == Question.Kind.CHOICE and len(lines) < 2:
        raise DomainError(_("Give at least two options, one a line."), field="options")
    last = event.questions.order_by("-order").values_list("order", flat=True).first()
    question = Question.objects.create(
        event=event,
        label=label[:200],
        kind=kind,
        options="\n".join(lines) if kind == Question.Kind.CHOICE else "",
        required=required,
        order=(last or 0) + 1,
    )
    record(
        "event_question.added",
        question,
        by=by,
        site=event.site_id,
        payload={"event": event.pk, "kind": kind, "required": required},
    )
    return question


@transaction.atomic
@acts_for_by
def question_remove(*, question: Question, by) -> None:
    """Remove a question and its answers."""
    record(
        "event_question.removed",
        question,
        by=by,
        site=question.event.site_id,
        payload={"event": question.event_id},
    )
    question.delete()


# --- History: events held before the platform ------------------------------------------------
# Brought in from a park's workbooks by the import (interchange/importer.py), all or nothing
# with the rest of the file: kept as they were, never announced, no seat taken, no ticket,
# reminder, follow-up or certificate e-mailed (each registration is marked reminded and
# followed up as it is written, so the daily jobs pass it by).

HISTORY_STARTS = dt.time(9, 0)
HISTORY_ENDS = dt.time(18, 0)


def _history_times(starts_on: dt.date, ends_on: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    """A day's event before the platform runs 9:00–18:00, local time, to its last day."""
    zone = timezone.get_default_timezone()
    starts = timezone.make_aware(dt.datetime.combine(starts_on, HISTORY_STARTS), zone)
    ends = timezone.make_aware(dt.datetime.combine(ends_on or starts_on, HISTORY_ENDS), zone)
    return starts, ends


def history_event_key(site_id: int, title: str, day: dt.date) -> tuple[int, str, dt.date]:
    """How an event before the platform is known again: its site, title (any case) and day."""
    return (site_id, " ".join(title.split()).casefold(), day)


def history_events_index(site_ids) -> dict[tuple[int, str, dt.date], int]:
    """The events of these sites by `history_event_key` → pk (their day in local time)."""
    found: dict[tuple[int, str, dt.date], int] = {}
    rows = Event.objects.filter(site_id__in=site_ids).values_list(
        "pk", "site_id", "title", "starts_at"
    )
    for pk, site_id, title, starts_at in rows:
        day = timezone.localtime(starts_at).date()
        found.setdefault(history_event_key(site_id, title, day), pk)
    return found


@transaction.atomic
@acts_for_by
def events_history_import(*, records, counts, empty: bool, by=None) -> list[int]:
    """Create the events before the platform of validated rows, each keyed by (site pk,
    title, first day) with its fields (ends_on, kind, capacity, location). One the site
    already has on that day is refused (`history_event_exists`)."""
    if not records:
        return []
    if not empty:
        taken = history_events_index({r.key[0] for r in records})
        for r in records:
            if history_event_key(*r.key) in taken:
                raise Conflict(
                    _("The event “%(title)s” of %(day)s was already brought in.")
                    % {"title": r.key[1], "day": r.key[2].strftime("%d/%m/%Y")},
                    code="history_event_exists",
                )
    rows = []
    for r in records:
        starts, ends = _history_times(r.key[2], r.fields.get("ends_on"))
        rows.append(
            Event(
                site_id=r.key[0],
                title=r.key[1],
                kind=r.fields.get("kind") or Event.Kind.WORKSHOP,
                location=r.fields.get("location") or "",
                starts_at=starts,
                ends_at=ends,
                capacity=max(r.fields.get("capacity") or 1, 1),
                registration_deadline=starts,
            )
        )
    created = Event.objects.bulk_create(rows, batch_size=500)
    for r in records:
        counts.add_created(r.label)
    return [e.pk for e in created]


@transaction.atomic
@acts_for_by
def attendance_history_import(*, records, counts, empty: bool, by=None) -> list[int]:
    """Register people to events before the platform, from validated rows keyed by (site pk,
    event title, day, e-mail) with their fields (name, startup, attendance, kind). The event
    is the site's of that title and day, made from the rows when the site has none. A
    known address is the person's own registration, any other a guest's; `attended` is
    checked in when the event began, `registered` holds a seat without coming, `cancelled`
    none. A person already registered to that event is refused (`history_registration_exists`).
    The events' capacity grows to the people confirmed, never the other way."""
    from technopark.accounts.models import User

    if not records:
        return []
    events = history_events_index({r.key[0] for r in records})
    emails = {r.key[3].lower() for r in records}
    accounts = dict(
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=emails)
        .values_list("address", "pk")
    )
    for r in records:
        key = history_event_key(*r.key[:3])
        if key not in events:
            starts, ends = _history_times(r.key[2], None)
            event = Event.objects.create(
                site_id=r.key[0],
                title=r.key[1],
                kind=r.fields.get("kind") or Event.Kind.WORKSHOP,
                starts_at=starts,
                ends_at=ends,
                capacity=1,
                registration_deadline=starts,
            )
            events[key] = event.pk
    event_ids = {events[history_event_key(*r.key[:3])] for r in records}
    starts_of = dict(Event.objects.filter(pk__in=event_ids).values_list("pk", "starts_at"))
    registered = set()
    for event_id, user_id, guest in Registration.objects.filter(event_id__in=event_ids).values_list(
        "event_id", "user_id", "guest_email"
    ):
        registered.add((event_id, user_id or guest.lower()))
    now = timezone.now()
    rows = []
    for r in records:
        event_id = events[history_event_key(*r.key[:3])]
        email = r.key[3].lower()
        user_id = accounts.get(email)
        if (event_id, user_id or email) in registered:
            raise Conflict(
                _("%(email)s was already registered to “%(title)s” of %(day)s.")
                % {"email": email, "title": r.key[1], "day": r.key[2].strftime("%d/%m/%Y")},
                code="history_registration_exists",
            )
        registered.add((event_id, user_id or email))
        attendance = r.fields.get("attendance") or "attended"
        name = r.fields.get("name") or ""
        if r.fields.get("startup"):
            name = f"{name or email} ({r.fields['startup']})"
        rows.append(
            Registration(
                event_id=event_id,
                user_id=user_id,
                guest_email="" if user_id else email,
                guest_name="" if user_id else (name or email)[:150],
                status=(
                    Registration.Status.CANCELLED
                    if attendance == "cancelled"
                    else Registration.Status.CONFIRMED
                ),
                checked_in_at=starts_of[event_id] if attendance == "attended" else None,
                reminded_at=now,
                followed_up_at=now,
            )
        )
    created = Registration.objects.bulk_create(rows, batch_size=500)
    seats = Coalesce(
        Subquery(
            Registration.objects.filter(
                event_id=OuterRef("pk"), status=Registration.Status.CONFIRMED
            )
            .values("event_id")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )
    events_written = Event.objects.filter(pk__in=event_ids)
    events_written.update(capacity=Greatest(F("capacity"), seats))  # room for who came first
    events_written.update(confirmed=seats)
    for r in records:
        counts.add_created(r.label)
    return [reg.pk for reg in created]
