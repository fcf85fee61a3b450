"""Community life's daily job (run by `technopark daily`)."""

from __future__ import annotations

import datetime as dt

from technopark.community.services import registrations_remind


def daily(today: dt.date) -> str:
    """Remind confirmed attendees of tomorrow's events, with their ticket, once."""
    return f"{registrations_remind(today=today)} event reminders"
