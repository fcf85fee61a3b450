"""Background work of community life: e-mails about registrations."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
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
