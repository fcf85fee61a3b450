"""The invite.ics of an expert session, written by the shared builder `technopark.core.ical`.

The UID is stable (`expert-session-<id>@<host>`); the SEQUENCE grows with each change
(accepted, declined, cancelled), so a calendar updates or removes the same entry.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.core import ical
from technopark.support.models import ExpertSession


def session_item(session: ExpertSession) -> ical.Item:
    startup = session.request.startup.name
    attendees = [u.email for u in (session.expert.user, session.booked_by) if u and u.email]
    return ical.Item(
        uid=ical.uid_for("expert-session", session.pk),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=_("Expert session: %(expert)s with %(startup)s")
        % {"expert": session.expert, "startup": startup},
        sequence=session.ical_sequence,
        description=session.request.title,
        cancelled=session.status in ExpertSession.FREED,
        attendees=list(dict.fromkeys(attendees)),
    )


def personal_entries(user, start, end) -> list[ical.Item]:
    """The personal calendar's expert sessions: the expert's own, and those of the person's
    startups. A session awaiting the expert's answer is tentative. One query."""
    p = principal(user)
    sessions = (
        ExpertSession.objects.filter(
            Q(expert__user_id=p.user_id) | Q(request__startup_id__in=p.startup_ids),
            # A session lasts at most 8 hours (a check constraint).
            starts_at__gt=start - dt.timedelta(hours=8),
            starts_at__lt=end,
        )
        .select_related("expert__user", "booked_by", "request__startup")
        .order_by("starts_at", "pk")
    )
    items = []
    for session in sessions:
        item = session_item(session)
        if item.ends_at <= start:
            continue
        if session.status == ExpertSession.Status.PROPOSED:
            item.mark_tentative(session.get_status_display())
        items.append(item)
    return items


def session_invitation(
    session: ExpertSession, method: str = ical.REQUEST
) -> tuple[str, bytes, str]:
    """REQUEST while the session holds the slot, CANCEL once declined or cancelled."""
    return ical.invitation(session_item(session), method)
