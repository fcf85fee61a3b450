"""The events as iCalendar (RFC 5545): the public feed and a registration's invitation.

Both are written by the shared builder `technopark.core.ical`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from technopark.community.models import Event, Registration
from technopark.core import ical


def event_item(event: Event, *, uid: str = "", sequence: int = 0, stamp=None) -> ical.Item:
    return ical.Item(
        uid=uid or ical.uid_for("event", event.pk),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        sequence=sequence,
        description=event.description or "",
        location=", ".join(part for part in (event.location, event.site.name) if part),
        url=settings.SITE_URL + event.get_absolute_url(),
        categories=[str(event.get_kind_display())],
        cancelled=event.status == Event.Status.CANCELLED,
        stamp=stamp,
    )


def calendar_feed(events: Iterable[Event], *, name: str) -> bytes:
    stamp = timezone.now()
    return ical.calendar((event_item(e, stamp=stamp) for e in events), name=name)


def registration_item(registration: Registration) -> ical.Item:
    item = event_item(
        registration.event,
        uid=ical.uid_for("registration", registration.pk),
        sequence=registration.ical_sequence,
    )
    item.cancelled = item.cancelled or registration.status not in (
        Registration.Status.CONFIRMED,
        Registration.Status.PENDING,
        Registration.Status.WAITLISTED,
    )
    if registration.person_email:
        item.attendees = [registration.person_email]
    return item


def registration_invitation(
    registration: Registration, method: str = ical.REQUEST
) -> tuple[str, bytes, str]:
    """The invite.ics of a ticket: REQUEST once confirmed, CANCEL when cancelled or declined."""
    return ical.invitation(registration_item(registration), method)


def personal_entries(user, start, end) -> list[ical.Item]:
    """The personal calendar's events: the person's registrations (a waiting list or an
    approval still to come is tentative) and the events they organise (the public feed's
    UID), unless they hold a registration to it. Two queries."""
    registrations = (
        Registration.objects.filter(
            user_id=user.pk, event__starts_at__lt=end, event__ends_at__gt=start
        )
        .select_related("event__site", "user")
        .order_by("event__starts_at", "pk")
    )
    items, registered = [], set()
    for registration in registrations:
        item = registration_item(registration)
        if registration.status in (Registration.Status.WAITLISTED, Registration.Status.PENDING):
            item.mark_tentative(registration.get_status_display())
        if registration.status in Registration.ACTIVE:
            registered.add(registration.event_id)
        items.append(item)
    organised = (
        Event.objects.filter(created_by_id=user.pk, starts_at__lt=end, ends_at__gt=start)
        .select_related("site")
        .order_by("starts_at", "pk")
    )
    for event in organised:
        if event.pk not in registered:
            items.append(event_item(event))
    return items
