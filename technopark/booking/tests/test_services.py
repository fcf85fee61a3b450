"""Booking rules, overlaps, blockings, weekly series and Casablanca's change of offset."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from technopark.booking import services
from technopark.booking.models import Booking, BookingRule
from technopark.booking.rules import DEFAULT_RULES, rules_for
from technopark.booking.tests.conftest import at
from technopark.core.errors import Conflict, DomainError
from technopark.house.testing import SpaceFactory

CASA = ZoneInfo("Africa/Casablanca")


def book(room, user, start, end, **kw):
    return services.booking_create(
        space=room, starts_at=start, ends_at=end, title="RDV", by=user, **kw
    )


def test_a_room_without_rules_gets_the_defaults(room):
    assert not BookingRule.objects.exists()
    assert rules_for(room) == DEFAULT_RULES
    assert DEFAULT_RULES.weekdays == {1, 2, 3, 4, 5}
    assert (DEFAULT_RULES.opens_at, DEFAULT_RULES.closes_at) == (dt.time(8), dt.time(20))
    assert DEFAULT_RULES.max_days_ahead == 60


def test_book_stores_utc_and_sends_a_confirmation(
    cast, room, day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(room, cast.owner, at(day, 10), at(day, 11), startup=cast.own)
    booking.refresh_from_db()
    assert booking.starts_at.utcoffset() == dt.timedelta(0)
    assert booking.starts_at == at(day, 10)
    assert len(mail.outbox) == 1
    assert "Salle Atlas" in mail.outbox[0].subject
    assert mail.outbox[0].to == [cast.owner.email]


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        ((11, 0), (10, 0), "end_before_start"),
        ((10, 0), (10, 0), "end_before_start"),
        ((7, 0), (9, 0), "outside_hours"),
        ((19, 0), (20, 30), "outside_hours"),
        ((9, 0), (13, 30), "too_long"),
    ],
)
def test_bad_times_are_refused_and_nothing_is_saved(cast, room, day, start, end, code):
    with pytest.raises(DomainError) as exc:
        book(room, cast.owner, at(day, *start), at(day, *end))
    assert exc.value.code == code
    assert not Booking.objects.exists()


def test_weekend_too_far_past_and_not_bookable(cast, room, day):
    saturday = day + dt.timedelta(days=(6 - day.isoweekday()) % 7)
    with pytest.raises(DomainError, match="closed") as exc:
        book(room, cast.owner, at(saturday, 10), at(saturday, 11))
    assert exc.value.code == "closed_day"
    far = day + dt.timedelta(days=70)
    with pytest.raises(DomainError) as exc:
        book(room, cast.owner, at(far, 10), at(far, 11))
    assert exc.value.code == "too_far_ahead"
    past = dt.date.today() - dt.timedelta(days=7)
    with pytest.raises(DomainError) as exc:
        book(room, cast.owner, at(past, 10), at(past, 11))
    assert exc.value.code == "in_the_past"
    office = SpaceFactory(site=cast.site, code="BUR-9")
    with pytest.raises(DomainError) as exc:
        book(office, cast.owner, at(day, 10), at(day, 11))
    assert exc.value.code == "not_bookable"


def test_naive_times_are_refused(cast, room, day):
    with pytest.raises(DomainError) as exc:
        book(room, cast.owner, dt.datetime.combine(day, dt.time(10)), at(day, 11))
    assert exc.value.code == "naive_time"


def test_overlap_is_a_conflict_but_back_to_back_is_fine(cast, room, day):
    book(room, cast.owner, at(day, 10), at(day, 11))
    with pytest.raises(Conflict) as exc:
        book(room, cast.colleague, at(day, 10, 30), at(day, 11, 30))
    assert "10:00" in exc.value.message
    book(room, cast.colleague, at(day, 11), at(day, 12))
    book(room, cast.colleague, at(day, 9), at(day, 10))
    assert Booking.objects.count() == 3


def test_cancelling_frees_the_slot(cast, room, day):
    first = book(room, cast.owner, at(day, 10), at(day, 11))
    services.booking_cancel(booking=first, by=cast.owner)
    book(room, cast.colleague, at(day, 10), at(day, 11))
    assert Booking.objects.filter(status="confirmed").count() == 1


def test_move_checks_overlaps_but_not_against_itself(cast, room, day):
    first = book(room, cast.owner, at(day, 10), at(day, 11))
    book(room, cast.owner, at(day, 14), at(day, 15))
    services.booking_move(
        booking=first, starts_at=at(day, 10, 30), ends_at=at(day, 11, 30), by=cast.owner
    )
    with pytest.raises(Conflict):
        services.booking_move(
            booking=first, starts_at=at(day, 14), ends_at=at(day, 16), by=cast.owner
        )
    first.refresh_from_db()
    assert first.starts_at == at(day, 10, 30)


def test_blockings_block_bookings_and_can_cancel_them(
    cast, room, day, django_capture_on_commit_callbacks
):
    existing = book(room, cast.owner, at(day, 10), at(day, 11))
    with pytest.raises(Conflict):
        services.room_block(
            space=room,
            starts_at=at(day, 8),
            ends_at=at(day, 12),
            title="Peinture",
            by=cast.site_manager,
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.room_block(
            space=room,
            starts_at=at(day, 8),
            ends_at=at(day, 12),
            title="Peinture",
            by=cast.site_manager,
            cancel_bookings=True,
        )
    existing.refresh_from_db()
    assert existing.status == "cancelled"
    assert [m.to for m in mail.outbox] == [[cast.owner.email]]
    with pytest.raises(Conflict, match="Peinture"):
        book(room, cast.colleague, at(day, 11), at(day, 12))


def test_weekly_series_books_free_weeks_and_reports_the_others(cast, room, day):
    taken = day + dt.timedelta(weeks=2)
    book(room, cast.colleague, at(taken, 10), at(taken, 11))
    result = services.booking_create_weekly(
        space=room,
        starts_at=at(day, 10),
        ends_at=at(day, 11),
        title="Comité",
        by=cast.owner,
        occurrences=4,
    )
    assert [b.starts_at for b in result.created] == [
        at(day + dt.timedelta(weeks=w), 10) for w in (0, 1, 3)
    ]
    assert [d for d, _reason in result.refused] == [taken]
    assert len({b.series for b in result.created}) == 1


def _dates_with_offsets():
    """A weekday where Casablanca is at UTC+0 (Ramadan) and one at UTC+1, from tzdata."""
    day = dt.date(2027, 1, 4)
    found = {}
    while len(found) < 2 and day < dt.date(2028, 12, 31):
        offset = dt.datetime.combine(day, dt.time(12), tzinfo=CASA).utcoffset()
        if day.isoweekday() <= 5:
            found.setdefault(offset, day)
        day += dt.timedelta(days=1)
    return found[dt.timedelta(0)], found[dt.timedelta(hours=1)]


def test_ramadan_offset_change(cast, room):
    ramadan_day, normal_day = _dates_with_offsets()
    now = dt.datetime.combine(
        min(ramadan_day, normal_day) - dt.timedelta(days=10), dt.time(9), tzinfo=dt.UTC
    )
    a = services.booking_create(
        space=room,
        starts_at=at(ramadan_day, 10),
        ends_at=at(ramadan_day, 11),
        title="A",
        by=cast.owner,
        now=now,
    )
    b = services.booking_create(
        space=room,
        starts_at=at(normal_day, 10),
        ends_at=at(normal_day, 11),
        title="B",
        by=cast.owner,
        now=dt.datetime.combine(normal_day - dt.timedelta(days=3), dt.time(9), tzinfo=dt.UTC),
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.starts_at.astimezone(dt.UTC).hour == 10  # UTC+0 during Ramadan
    assert b.starts_at.astimezone(dt.UTC).hour == 9  # UTC+1 otherwise
    # Opening hours are wall-clock: 08:00 local is 08:00 UTC in Ramadan, 07:00 UTC otherwise.
    with pytest.raises(DomainError):
        services.booking_create(
            space=room,
            starts_at=dt.datetime.combine(ramadan_day, dt.time(7, 30), tzinfo=dt.UTC),
            ends_at=dt.datetime.combine(ramadan_day, dt.time(8, 30), tzinfo=dt.UTC),
            title="C",
            by=cast.owner,
            now=now,
        )


def test_weekly_series_keeps_the_wall_clock_across_the_offset_change(cast, room):
    ramadan_day, _normal = _dates_with_offsets()
    start = ramadan_day - dt.timedelta(weeks=2)
    now = dt.datetime.combine(start - dt.timedelta(days=1), dt.time(9), tzinfo=dt.UTC)
    result = services.booking_create_weekly(
        space=room,
        starts_at=at(start, 10),
        ends_at=at(start, 11),
        title="Hebdo",
        by=cast.owner,
        occurrences=4,
        now=now,
    )
    assert not result.refused
    assert {b.starts_at.astimezone(CASA).hour for b in result.created} == {10}
    assert len({b.starts_at.astimezone(dt.UTC).hour for b in result.created}) == 2


def test_staff_rules_change_a_room(cast, room, day):
    saturday = day + dt.timedelta(days=(6 - day.isoweekday()) % 7)
    services.booking_rule_set(
        space=room,
        data={"weekdays": "123456", "max_minutes": 60, "equipment": 'Écran 75"'},
        by=cast.site_manager,
    )
    book(room, cast.owner, at(saturday, 10), at(saturday, 11))
    with pytest.raises(DomainError) as exc:
        book(room, cast.owner, at(day, 10), at(day, 12))
    assert exc.value.code == "too_long"
    with pytest.raises(DomainError):
        services.booking_rule_set(
            space=room,
            data={"opens_at": dt.time(18), "closes_at": dt.time(9)},
            by=cast.site_manager,
        )


def test_the_database_itself_refuses_an_overlap(cast, room, day):
    book(room, cast.owner, at(day, 10), at(day, 11))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            site=cast.site,
            space=room,
            starts_at=at(day, 10, 30),
            ends_at=at(day, 12),
            title="x",
            booked_by=cast.owner,
        )
    # a cancelled row does not count
    Booking.objects.create(
        site=cast.site,
        space=room,
        starts_at=at(day, 10, 30),
        ends_at=at(day, 12),
        title="y",
        booked_by=cast.owner,
        status="cancelled",
    )
