"""A selection interview as an iCalendar invitation (written by `technopark.core.ical`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
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


def personal_entries(user, start, end) -> list[ical.Item]:
    """The personal calendar's selection interviews: the applicant's and those of the
    applications that list the person as a co-founder (as the invitation does; the jury is
    not invited). A cancelled interview has no date any more: it leaves the feed. One query."""
    from technopark.programs.services.applications import team_members

    email = (user.email or "").lower()
    whose = Q(applicant_id=user.pk)
    if email:
        whose |= Q(team__icontains=email)
    applications = (
        Application.objects.filter(
            whose,
            interview_at__isnull=False,
            interview_at__gt=start - dt.timedelta(minutes=INTERVIEW_MINUTES),
            interview_at__lt=end,
        )
        .select_related("call__site", "applicant")
        .order_by("interview_at", "pk")
    )
    items = []
    for application in applications:
        team = [email for _name, email in team_members(application)]
        if application.applicant_id != user.pk and email not in team:
            continue  # the address only appears inside another one
        attendees = [a for a in [application.applicant.email, *team] if a]
        items.append(interview_item(application, attendees))
    return items
