"""The rules a room is booked under: the staff's `BookingRule` row, or the defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from technopark.booking.models import Audience, BookingRule
from technopark.network.models import Space

LOCAL_TZ = ZoneInfo("Africa/Casablanca")


@dataclass(frozen=True)
class Rules:
    bookable: bool = True
    opens_at: dt.time = dt.time(8, 0)
    closes_at: dt.time = dt.time(20, 0)
    weekdays: frozenset[int] = field(default_factory=lambda: frozenset({1, 2, 3, 4, 5}))
    max_days_ahead: int = 60
    max_minutes: int = 240
    audience: str = Audience.RESIDENTS_AND_STAFF
    equipment: str = ""
    needs_approval: bool = False
    customised: bool = False


DEFAULT_RULES = Rules()


def _from_row(row: BookingRule) -> Rules:
    return Rules(
        bookable=row.bookable,
        opens_at=row.opens_at,
        closes_at=row.closes_at,
        weekdays=frozenset(row.open_weekdays),
        max_days_ahead=row.max_days_ahead,
        max_minutes=row.max_minutes,
        audience=row.audience,
        equipment=row.equipment,
        needs_approval=row.needs_approval,
        customised=True,
    )


def rules_for(space: Space) -> Rules:
    """The room's rules; a room nobody configured gets the defaults (no row needed)."""
    try:
        return _from_row(space.booking_rule)
    except BookingRule.DoesNotExist:
        return DEFAULT_RULES


def rules_for_spaces(spaces: Iterable[Space]) -> dict[int, Rules]:
    """Rules of many rooms in one query."""
    ids = [space.pk for space in spaces]
    rows = {row.space_id: _from_row(row) for row in BookingRule.objects.filter(space_id__in=ids)}
    return {pk: rows.get(pk, DEFAULT_RULES) for pk in ids}


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(LOCAL_TZ)


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """An aware datetime at `time` on `day` in Casablanca (offset +01, or +00 in Ramadan)."""
    return dt.datetime.combine(day, time, tzinfo=LOCAL_TZ)
