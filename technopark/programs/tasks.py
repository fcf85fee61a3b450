"""Background work of the programs app: e-mails, and the daily alerts on plans."""

from __future__ import annotations

import contextvars
import datetime as dt
from contextlib import contextmanager

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_email(to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, to)


_QUIET = contextvars.ContextVar("programs_quiet", default=False)


@contextmanager
def quiet():
    """Send no e-mail (seeding the demo writes history, nobody is waiting for news)."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def email_later(to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail once the transaction that caused it is committed."""
    if _QUIET.get():
        return
    to = [address for address in to if address]
    if to:
        transaction.on_commit(lambda: send_email.enqueue(to, str(subject), str(body)))


def daily(today: dt.date) -> str:
    """E-mail each program officer the late milestones and silent startups they follow."""
    from technopark.programs.selectors import alerts_by_officer, plan_alert_digest

    sent = 0
    for officer, alerts in alerts_by_officer(today).items():
        subject, body = plan_alert_digest(officer, alerts)
        email_later([officer.email], subject, body)
        sent += 1
    return f"{sent} officer(s) alerted about late milestones or silent startups"
