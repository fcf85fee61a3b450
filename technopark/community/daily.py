"""Community life's daily job (run by `technopark daily`)."""

from __future__ import annotations

import datetime as dt

from technopark.community.services import registrations_follow_up, registrations_remind


def daily(today: dt.date) -> str:
    """Remind confirmed attendees (members and guests) of tomorrow's events, with their
    ticket, once; thank those who came to recent events, with their certificate's link."""
    reminded = registrations_remind(today=today)
    followed = registrations_follow_up(today=today)
    return f"{reminded} event reminders, {followed} attendance follow-ups"
