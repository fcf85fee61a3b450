"""Notifications' once-a-day job for `technopark daily`: the digests, and e-mails to retry."""

from __future__ import annotations

import datetime as dt

from technopark.notifications.services import digest_send, email_retry_pending


def daily(today: dt.date) -> str:
    retried = email_retry_pending()
    return f"{digest_send()} digest(s); {retried} e-mail(s) retried"
