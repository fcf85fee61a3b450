"""One iCalendar (RFC 5545) builder for every feed and invitation of the platform.

Apps describe their records as `Item`s; this module writes the VCALENDAR. An invitation is
one item with METHOD:REQUEST (or CANCEL); a feed is many items with METHOD:PUBLISH. The UID
of a record is stable (`<kind>-<pk>@<host>`) and its SEQUENCE grows each time the record
changes, so the invitation, its update, its cancel and the feeds all agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"
METHODS = (REQUEST, CANCEL, PUBLISH)

INVITE_FILENAME = "invite.ics"
TIMEZONE = "Africa/Casablanca"


def host() -> str:
    """The host part of UIDs: the site's domain (technopark.ma when none is configured)."""
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "technopark.ma"


def uid_for(kind: str, pk) -> str:
    return f"{kind}-{pk}@{host()}"


@dataclass
class Item:
    """One commitment in a calendar."""

    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    # Not yet settled (a waiting list, a request awaiting an answer): STATUS:TENTATIVE.
    tentative: bool = False
    categories: list[str] = field(default_factory=list)
    stamp: dt.datetime | None = None
    organizer: str = ""  # an e-mail address
    attendees: list[str] = field(default_factory=list)  # e-mail addresses

    def mark_tentative(self, status: str) -> None:
        """Not settled yet: STATUS:TENTATIVE, and the status said after the title."""
        self.tentative = True
        self.summary = _("%(title)s (%(status)s)") % {"status": status, "title": self.summary}


def _event(item: Item, method: str) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", (item.stamp or timezone.now()).astimezone(dt.UTC))
    event.add("dtstart", item.starts_at.astimezone(dt.UTC))
    event.add("dtend", item.ends_at.astimezone(dt.UTC))
    event.add("sequence", int(item.sequence))
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", item.url)
    if item.categories:
        event.add("categories", item.categories)
    cancelled = item.cancelled or method == CANCEL
    event.add(
        "status", "CANCELLED" if cancelled else ("TENTATIVE" if item.tentative else "CONFIRMED")
    )
    organizer = item.organizer or settings.DEFAULT_FROM_EMAIL
    if method != PUBLISH and organizer:
        address = organizer.rsplit("<", 1)[-1].rstrip(">").strip()
        event.add("organizer", vCalAddress(f"mailto:{address}"))
        for attendee in item.attendees:
            who = vCalAddress(f"mailto:{attendee}")
            who.params["role"] = vText("REQ-PARTICIPANT")
            event.add("attendee", who, encode=0)
    return event


def calendar(items: Iterable[Item], *, method: str = PUBLISH, name: str = "") -> bytes:
    """The VCALENDAR of `items`, as bytes."""
    if method not in METHODS:
        raise ValueError(f"unknown iCalendar method {method!r}")
    cal = Calendar()
    cal.add("prodid", "-//Technopark//Technopark//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIMEZONE)
    for item in items:
        cal.add_component(_event(item, method))
    return cal.to_ical()


def invitation(item: Item, method: str = REQUEST) -> tuple[str, bytes, str]:
    """An e-mail attachment inviting to (REQUEST) or cancelling (CANCEL) one commitment."""
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"an invitation is a REQUEST or a CANCEL, not {method!r}")
    body = calendar([item], method=method)
    return (INVITE_FILENAME, body, f"text/calendar; method={method}")
