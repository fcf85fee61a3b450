"""The guichet unique's once-a-day job for `technopark daily`: tomorrow's reminders."""

from __future__ import annotations

import datetime as dt

from technopark.desk.services import appointments_remind


def daily(today: dt.date) -> str:
    """Remind each startup of tomorrow's appointments, once."""
    return f"{appointments_remind(today=today)} appointment reminders"
