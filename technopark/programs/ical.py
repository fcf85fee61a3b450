"""A selection interview as an iCalendar invitation (written by `technopark.core.ical`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.core import ical
from technopark.programs.models import Application

INTERVIEW_MINUTES = 30


def interview_uid(application: Application) -> str:
    return ical.uid_for("interview", application.interview_uid)


def interview_item(application: Application, attendees: list[str]) -> ical.Item:
    call = application.call
    return ical.Item(
        uid=interview_uid(application),
        starts_at=application.interview_at,
        ends_at=application.interview_at + dt.timedelta(minutes=INTERVIEW_MINUTES),
        summary=_("Selection interview: %(project)s") % {"project": application.project_name},
        sequence=application.interview_sequence,
        description=call.title,
        location=call.site.name,
        url=settings.SITE_URL.rstrip("/") + reverse("programs:application", args=[application.pk]),
        attendees=attendees,
    )


def interview_invitation(
    application: Application, attendees: list[str], method: str = ical.REQUEST
) -> tuple[str, bytes, str]:
    """The invite.ics of an interview: REQUEST when scheduled or moved, CANCEL when cancelled."""
    return ical.invitation(interview_item(application, attendees), method)
