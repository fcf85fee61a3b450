"""Hosting's once-a-day jobs for `technopark daily`: lease reminders, payment reminders,
lapsed waiting-list offers, the month's invoices.

They call the app's services, which notify through `notification_send`.
"""

from __future__ import annotations

import datetime as dt

from technopark.hosting.services import (
    invoice_reminders_send,
    invoices_issue_month,
    lease_reminders_send,
    waiting_offers_expire,
)


def daily(today: dt.date) -> str:
    """Reminders 60 and 30 days before planned ends; payment reminders after due dates;
    offers unanswered past their date lapse; on the 1st, the month's invoices."""
    parts = [
        f"{lease_reminders_send(today=today)} reminder(s)",
        f"{invoice_reminders_send(today=today)} payment reminder(s)",
        f"{waiting_offers_expire(today=today)} lapsed offer(s)",
    ]
    if today.day == 1:
        result = invoices_issue_month(month=today, issued_on=today)
        parts.append(f"{len(result.created)} invoice(s) issued, {result.existing} already")
    return "; ".join(parts)
