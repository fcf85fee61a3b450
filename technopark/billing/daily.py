"""Billing's once-a-day job for `technopark daily`: payment reminders after due dates."""

from __future__ import annotations

import datetime as dt

from technopark.billing.services import invoice_reminders_send


def daily(today: dt.date) -> str:
    """Payment reminders after due dates (settings.INVOICE_REMINDER_DAYS)."""
    return f"{invoice_reminders_send(today=today)} payment reminder(s)"
