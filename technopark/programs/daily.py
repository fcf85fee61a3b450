"""The programs app's daily job (run by `technopark daily`)."""

from __future__ import annotations

import datetime as dt

from technopark.programs.services import plan_alerts_send
from technopark.programs.services.review import review_reminders_send


def daily(today: dt.date) -> str:
    """Tell each program officer the late milestones and silent startups they follow;
    remind reviewers of the reviews due before a call's review deadline."""
    sent = plan_alerts_send(today=today)
    reminded = review_reminders_send(today=today)
    return (
        f"{sent} officer(s) alerted about late milestones or silent startups; "
        f"{reminded} reviewer(s) reminded of reviews due"
    )
