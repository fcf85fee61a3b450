"""The one clock: "today" in Africa/Casablanca, whatever the server's zone.

Invoices' due dates, payment reminders, the arrears' ages, billing's pages and the daily
job all read it, so an invoice is never due on one day for a page and another for the
reminder sent at midnight.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

MOROCCO = ZoneInfo("Africa/Casablanca")


def today() -> dt.date:
    """Today's date in Morocco."""
    return timezone.localdate(timezone=MOROCCO)
