"""The invite.ics of an expert session, written by the shared builder `technopark.core.ical`.

The UID is stable (`expert-session-<id>@<host>`); the SEQUENCE grows with each change
(accepted, declined, cancelled), so a calendar updates or removes the same entry.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

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


def session_invitation(
    session: ExpertSession, method: str = ical.REQUEST
) -> tuple[str, bytes, str]:
    """REQUEST while the session holds the slot, CANCEL once declined or cancelled."""
    return ical.invitation(session_item(session), method)
