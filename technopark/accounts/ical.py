"""One person's private calendar feed: every commitment the apps hold for them.

Each app's `ical.py` answers `personal_entries(user, start, end)` (technopark/core/hooks.py)
with the same UID and SEQUENCE as the invitation it e-mails, so a calendar application
merges the invitation and the feed entry. The feed is written in the person's language by
the shared builder `technopark.core.ical`; what it holds is told in docs/calendars.md.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technopark.core import hooks, ical

# The window of the feed: two months back, eighteen months ahead.
DAYS_BACK = 60
DAYS_AHEAD = 548


def personal_items(user, *, now: dt.datetime | None = None) -> list[ical.Item]:
    """The person's commitments in the window, by start. A cancelled one stays (STATUS:
    CANCELLED, its last SEQUENCE) until it is over, then leaves the feed."""
    now = now or timezone.now()
    start, end = now - dt.timedelta(days=DAYS_BACK), now + dt.timedelta(days=DAYS_AHEAD)
    seen: set[str] = set()
    items = []
    for item in sorted(
        hooks.personal_entries(user, start, end), key=lambda i: (i.starts_at, i.uid)
    ):
        if item.uid in seen or (item.cancelled and item.ends_at <= now):
            continue
        seen.add(item.uid)
        items.append(item)
    return items


def personal_calendar(user, *, now: dt.datetime | None = None) -> bytes:
    """The VCALENDAR of the person's feed, in their language."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        items = personal_items(user, now=now)
        return ical.calendar(items, name=_("My Technopark calendar"))
