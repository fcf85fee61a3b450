"""Background work of the guichet unique: confirmation and reminder e-mails."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from technopark.desk.models import Appointment


def _send(appointment: Appointment, subject_text: str, template: str) -> int:
    user = appointment.booked_by
    if user is None or not user.email:
        return 0
    with translation.override(user.language or "fr"):
        context = {"appointment": appointment, "site_url": settings.SITE_URL, "user": user}
        body = render_to_string(template, context)
        subject = subject_text % {"desk": appointment.slot.desk.label}
        return send_mail(subject, body, None, [user.email])


def _load(appointment_id: int) -> Appointment | None:
    return (
        Appointment.objects.select_related("slot__desk__site", "service", "booked_by", "startup")
        .filter(pk=appointment_id)
        .first()
    )


@task()
def send_appointment_confirmation(appointment_id: int) -> int:
    appointment = _load(appointment_id)
    if appointment is None or appointment.status != Appointment.Status.BOOKED:
        return 0
    with translation.override(appointment.booked_by.language if appointment.booked_by else "fr"):
        subject = _("Your appointment at the %(desk)s desk is booked")
    return _send(appointment, subject, "desk/email_confirmation.txt")


@task()
def send_appointment_reminder(appointment_id: int) -> int:
    appointment = _load(appointment_id)
    if appointment is None or appointment.status != Appointment.Status.BOOKED:
        return 0
    with translation.override(appointment.booked_by.language if appointment.booked_by else "fr"):
        subject = _("Reminder: your appointment tomorrow at the %(desk)s desk")
    return _send(appointment, subject, "desk/email_reminder.txt")


def daily(today: dt.date) -> str:
    """Remind each startup of tomorrow's appointments, once."""
    tomorrow = today + dt.timedelta(days=1)
    due = list(
        Appointment.objects.filter(
            status=Appointment.Status.BOOKED,
            reminded_at__isnull=True,
            slot__starts_at__date=tomorrow,
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        Appointment.objects.filter(pk__in=due).update(reminded_at=timezone.now())
        for pk in due:
            transaction.on_commit(lambda pk=pk: send_appointment_reminder.enqueue(pk))
    return f"{len(due)} appointment reminders"
