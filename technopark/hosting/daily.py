"""Hosting's once-a-day jobs for `technopark daily`: lease reminders, lapsed waiting-list
offers, the month's rent invoices (payment reminders: `billing/daily.py`).

They call the app's services, which notify through `notification_send`.
"""

from __future__ import annotations

import datetime as dt

from technopark.hosting.services import (
    invoices_issue_month,
    lease_reminders_send,
    waiting_offers_expire,
)


def daily(today: dt.date) -> str:
    """Reminders 60 and 30 days before planned ends; offers unanswered past their date
    lapse; on the 1st, the month's invoices."""
    parts = [
        f"{lease_reminders_send(today=today)} reminder(s)",
        f"{waiting_offers_expire(today=today)} lapsed offer(s)",
    ]
    if today.day == 1:
        result = invoices_issue_month(month=today, issued_on=today)
        parts.append(f"{len(result.created)} invoice(s) issued, {result.existing} already")
    return "; ".join(parts)
