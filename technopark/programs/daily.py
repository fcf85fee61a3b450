"""The programs app's daily job (run by `technopark daily`)."""

from __future__ import annotations

import datetime as dt

from technopark.programs.services import plan_alerts_send


def daily(today: dt.date) -> str:
    """Tell each program officer the late milestones and silent startups they follow."""
    sent = plan_alerts_send(today=today)
    return f"{sent} officer(s) alerted about late milestones or silent startups"
