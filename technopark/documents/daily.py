"""The vault's once-a-day job for `technopark daily`: documents about to expire or
expired, and document requests due soon or overdue (each told once)."""

from __future__ import annotations

import datetime as dt

from technopark.documents.services import expiry_reminders_send, request_reminders_send


def daily(today: dt.date) -> str:
    reminded, flagged = expiry_reminders_send(today=today)
    requests = request_reminders_send(today=today)
    return (
        f"{reminded} document(s) expiring soon, {flagged} expired, {requests} request reminder(s)"
    )
