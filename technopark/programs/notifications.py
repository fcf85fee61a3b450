"""Notification kinds of the programs app (see docs/notifications.md), and `quiet()`, which
the demo uses to write history without telling anybody."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("programs.application_confirm", _("Continue an application (its link)"), mandatory=True),
    Kind("programs.application_received", _("Application received"), mandatory=True),
    Kind("programs.application_started", _("Application draft saved"), mandatory=True),
    Kind("programs.decision", _("Decision on an application"), mandatory=True),
    Kind("programs.interview_cancelled", _("Selection interview cancelled"), mandatory=True),
    Kind("programs.interview_moved", _("Selection interview moved"), mandatory=True),
    Kind("programs.interview_scheduled", _("Invitation to a selection interview"), mandatory=True),
    Kind("programs.milestone_sent_back", _("A milestone of your plan sent back")),
    Kind("programs.milestone_submitted", _("A milestone marked done, to validate")),
    Kind("programs.milestone_validated", _("A milestone of your plan validated")),
    Kind("programs.plan_alerts", _("Late milestones and silent startups you follow")),
    Kind("programs.review_assigned", _("An application to review")),
    Kind("programs.review_reminder", _("Reviews due soon")),
    Kind(
        "programs.more_info_requested",
        _("More information asked about your application"),
        mandatory=True,
    ),
    Kind("programs.resubmitted", _("An application completed and resubmitted")),
]

_QUIET = contextvars.ContextVar("programs_quiet", default=False)


@contextmanager
def quiet():
    """Notify nobody (seeding the demo writes history, nobody is waiting for news)."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def is_quiet() -> bool:
    return _QUIET.get()
