"""Reads of community life: calendars, attendance figures, amenities open now."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from technopark.community.models import Amenity, Event, OpeningHours, RamadanPeriod


def events_between(qs: QuerySet[Event], start: dt.date, end: dt.date) -> QuerySet[Event]:
    """Events that overlap [start, end] (local days)."""
    return qs.filter(starts_at__date__lte=end, ends_at__date__gte=start).order_by("starts_at")


def month_grid(year: int, month: int, events: list[Event]) -> list[list[tuple]]:
    """Weeks of (day or None, events of that day), Monday first."""
    by_day: dict[dt.date, list[Event]] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.starts_at).date(), []).append(event)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([(day if day.month == month else None, by_day.get(day, [])) for day in week])
    return weeks


def attendance(qs: QuerySet[Event]) -> QuerySet[Event]:
    """Each event with its registered, confirmed, waiting and present counts."""
    return qs.annotate(
        n_confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        n_waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
        n_present=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    )


def attendance_by(qs: QuerySet[Event], key: str) -> list[dict]:
    """Totals grouped by `kind` or `site__name`: events, seats, confirmed, present."""
    rows = (
        qs.values(key)
        .annotate(
            events=Count("id", distinct=True),
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            present=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by(key)
    )
    result = []
    for row in rows:
        row["rate"] = row["present"] / row["confirmed"] if row["confirmed"] else None
        result.append(row)
    return result


def is_ramadan(day: dt.date) -> bool:
    return RamadanPeriod.objects.filter(starts_on__lte=day, ends_on__gte=day).exists()


@dataclass
class AmenityNow:
    amenity: Amenity
    today: list[OpeningHours] = field(default_factory=list)
    open_now: bool = False
    next_change: dt.time | None = None


def amenities_now(site, now: dt.datetime | None = None) -> tuple[list[AmenityNow], bool]:
    """The site's amenities with today's hours (Ramadan ones in Ramadan) and open/closed."""
    now = timezone.localtime(now or timezone.now())
    ramadan = is_ramadan(now.date())
    # Today's hours only (a week holds seven times as many).
    todays = OpeningHours.objects.filter(weekday=now.weekday())
    amenities = list(site.amenities.prefetch_related(Prefetch("hours", todays, "hours_today")))
    rows = []
    for amenity in amenities:
        hours = amenity.hours_today
        special = [h for h in hours if h.ramadan]
        today = special if ramadan and special else [h for h in hours if not h.ramadan]
        row = AmenityNow(amenity=amenity, today=sorted(today, key=lambda h: h.opens))
        if amenity.always_open:
            row.open_now = True
        for h in row.today:
            if h.opens <= now.time() < h.closes:
                row.open_now, row.next_change = True, h.closes
                break
            if now.time() < h.opens and row.next_change is None:
                row.next_change = h.opens
        rows.append(row)
    return rows, ramadan


def week_hours(amenity: Amenity, ramadan: bool) -> list[tuple[int, list[OpeningHours]]]:
    hours = [h for h in amenity.hours.all() if h.ramadan == ramadan]
    return [(d, [h for h in hours if h.weekday == d]) for d in range(7)]
