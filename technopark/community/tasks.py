"""Background work of community life: e-mails about registrations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from technopark.community.models import Registration


def _subject(kind: str, title: str) -> str:
    subjects = {
        "confirmed": _("Your seat is confirmed: %(title)s"),
        "promoted": _("A seat freed up for you: %(title)s"),
        "waitlisted": _("You are on the waiting list: %(title)s"),
        "pending": _("Your registration awaits approval: %(title)s"),
        "rejected": _("Your registration was declined: %(title)s"),
        "cancelled_event": _("Event cancelled: %(title)s"),
        "reminder": _("Tomorrow: %(title)s"),
    }
    return subjects.get(kind, subjects["confirmed"]) % {"title": title}


def _send(registration_id: int, kind: str) -> int:
    registration = (
        Registration.objects.select_related("event__site", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.user.email:
        return 0
    with translation.override(registration.user.language or "fr"):
        body = render_to_string(
            "community/email_registration.txt",
            {"registration": registration, "kind": kind, "site_url": settings.SITE_URL},
        )
        subject = _subject(kind, registration.event.title)
    return send_mail(subject, body, None, [registration.user.email])


@task()
def send_registration_email(registration_id: int, kind: str) -> int:
    return _send(registration_id, kind)


@task()
def send_event_cancelled(registration_id: int) -> int:
    return _send(registration_id, "cancelled_event")


@task()
def send_event_reminder(registration_id: int) -> int:
    return _send(registration_id, "reminder")


def daily(today: dt.date) -> str:
    """Remind confirmed attendees of tomorrow's events, with their ticket, once."""
    due = list(
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminded_at__isnull=True,
            event__status="published",
            event__starts_at__date=today + dt.timedelta(days=1),
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        Registration.objects.filter(pk__in=due).update(reminded_at=timezone.now())
        for pk in due:
            transaction.on_commit(lambda pk=pk: send_event_reminder.enqueue(pk))
    return f"{len(due)} event reminders"
