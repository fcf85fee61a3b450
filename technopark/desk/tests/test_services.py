"""The guichet unique's rules, through its services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from technopark.core.errors import Conflict, DomainError
from technopark.desk import services
from technopark.desk.daily import daily
from technopark.desk.models import Appointment, Case, Slot
from technopark.desk.selectors import desks_compared
from technopark.desk.tests.factories import at, make_appointment, make_desk, make_slot
from technopark.surveys.models import SatisfactionAnswer


@pytest.fixture
def desk(cast):
    return make_desk(cast.site)


@pytest.fixture
def service(desk):
    return desk.services.get()


def book(cast, slot, service, startup=None, user=None):
    return services.appointment_book(
        slot=slot, service=service, startup=startup or cast.own, by=user or cast.owner
    )


def test_booking_takes_a_seat_and_sends_the_checklist(
    french, cast, desk, service, django_capture_on_commit_callbacks
):
    slot = make_slot(desk, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(cast, slot, service)
    assert appointment.status == "booked"
    assert Slot.objects.get(pk=slot.pk).booked == 1
    [message] = [m for m in mail.outbox if m.to == ["owner@example.ma"]]
    assert "Formulaire CN1 rempli" in message.body  # what to bring, in French by default


def test_a_full_slot_refuses_with_code_full(cast, desk, service):
    slot = make_slot(desk, capacity=1)
    book(cast, slot, service)
    with pytest.raises(Conflict) as exc:
        book(cast, slot, service, startup=cast.other, user=cast.other_member)
    assert exc.value.code == "full"
    assert Appointment.objects.filter(slot=slot).count() == 1


def test_a_startup_books_a_slot_once(cast, desk, service):
    slot = make_slot(desk, capacity=3)
    book(cast, slot, service)
    with pytest.raises(Conflict) as exc:
        book(cast, slot, service, user=cast.colleague)
    assert exc.value.code == "already_booked"
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_the_database_refuses_booked_above_capacity(desk):
    from django.db import IntegrityError, transaction

    slot = make_slot(desk, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(booked=2)


def test_cannot_book_a_past_slot_or_another_desks_service(cast, desk, service):
    past = Slot.objects.create(desk=desk, starts_at=at(-1, 10), ends_at=at(-1, 11), capacity=1)
    with pytest.raises(DomainError) as exc:
        book(cast, past, service)
    assert exc.value.code == "past"
    other = make_desk(cast.site, code="SA-CNSS", partner="CNSS")
    with pytest.raises(DomainError):
        book(cast, make_slot(other), service)


def test_cancel_frees_the_seat_for_another_startup(cast, desk, service):
    slot = make_slot(desk, capacity=1)
    appointment = book(cast, slot, service)
    services.appointment_cancel(appointment=appointment, by=cast.owner)
    assert Slot.objects.get(pk=slot.pk).booked == 0
    again = book(cast, slot, service, startup=cast.other, user=cast.other_member)
    assert again.status == "booked"
    with pytest.raises(Conflict):
        services.appointment_cancel(appointment=appointment, by=cast.owner)


def test_bulk_slots_every_weekday_morning_in_half_hours(cast, desk):
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    count = services.slots_bulk_create(
        desk=desk,
        first_day=monday,
        last_day=monday + dt.timedelta(days=13),
        weekdays={0, 1, 2, 3, 4},
        day_start=dt.time(9),
        day_end=dt.time(12),
        minutes=30,
        capacity=2,
        by=cast.site_manager,
    )
    assert count == 10 * 6
    first = desk.slots.order_by("starts_at").first()
    assert timezone.localtime(first.starts_at).time() == dt.time(9)
    assert first.capacity == 2
    # Publishing again keeps what exists.
    again = services.slots_bulk_create(
        desk=desk,
        first_day=monday,
        last_day=monday + dt.timedelta(days=13),
        weekdays={0, 1, 2, 3, 4},
        day_start=dt.time(9),
        day_end=dt.time(12),
        minutes=30,
        capacity=2,
        by=cast.site_manager,
    )
    assert again == 0


@pytest.mark.parametrize(
    "change, field",
    [
        ({"last_day": -1}, "last_day"),
        ({"weekdays": set()}, "weekdays"),
        ({"minutes": 5}, "minutes"),
        ({"capacity": 0}, "capacity"),
        ({"day_end": dt.time(8)}, "day_end"),
    ],
)
def test_bulk_slots_refuse_bad_input(cast, desk, change, field):
    first = timezone.localdate() + dt.timedelta(days=1)
    args = dict(
        first_day=first,
        last_day=first + dt.timedelta(days=3),
        weekdays={0, 1, 2, 3, 4, 5, 6},
        day_start=dt.time(9),
        day_end=dt.time(12),
        minutes=30,
        capacity=1,
    )
    if "last_day" in change:
        args["last_day"] = first - dt.timedelta(days=1)
    else:
        args.update(change)
    with pytest.raises(DomainError) as exc:
        services.slots_bulk_create(desk=desk, by=cast.site_manager, **args)
    assert exc.value.field == field
    assert not desk.slots.exists()


def test_slot_create_refuses_overlapping_start_and_bad_times(cast, desk):
    start = at(3, 9)
    services.slot_create(
        desk=desk,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=30),
        capacity=1,
        by=cast.site_manager,
    )
    with pytest.raises(Conflict):
        services.slot_create(
            desk=desk,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            capacity=1,
            by=cast.site_manager,
        )
    with pytest.raises(DomainError):
        services.slot_create(
            desk=desk, starts_at=start, ends_at=start, capacity=1, by=cast.site_manager
        )


def test_the_agents_day_done_with_outcome_and_case(cast, desk):
    slot = Slot.objects.create(
        desk=desk,
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() - dt.timedelta(minutes=30),
        capacity=2,
    )
    appointment = make_appointment(slot, cast.own, cast.owner)
    case = services.case_open(desk=desk, startup=cast.own, title="Dépôt de marque", by=None)
    with pytest.raises(DomainError):  # done needs an outcome
        services.appointment_handle(appointment=appointment, status="done", by=None)
    services.appointment_handle(
        appointment=appointment, status="done", outcome="Dossier déposé", case=case, by=None
    )
    appointment.refresh_from_db()
    assert appointment.status == "done" and appointment.case == case
    with pytest.raises(Conflict):
        services.appointment_handle(appointment=appointment, status="no_show", by=None)
    services.case_close(case=case, by=None)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_at
    with pytest.raises(Conflict):
        services.case_close(case=case, by=None)


def test_a_coming_appointment_cannot_be_marked_yet(cast, desk, service):
    appointment = book(cast, make_slot(desk, day_offset=2), service)
    with pytest.raises(DomainError) as exc:
        services.appointment_handle(appointment=appointment, status="no_show", by=None)
    assert exc.value.code == "not_due"


def test_rating_counts_in_the_bilans_satisfaction(cast, desk):
    slot = Slot.objects.create(desk=desk, starts_at=at(-2, 10), ends_at=at(-2, 11), capacity=1)
    appointment = make_appointment(slot, cast.own, cast.owner, status="done")
    services.appointment_rate(appointment=appointment, score=5, comment="Rapide", by=cast.owner)
    answer = SatisfactionAnswer.objects.get(startup=cast.own)
    assert (answer.channel, answer.subject, answer.score) == ("desk", "SA-OMPIC", 5)
    with pytest.raises(Conflict):
        services.appointment_rate(appointment=appointment, score=4, by=cast.owner)


def test_only_a_done_appointment_is_rated_1_to_5(cast, desk, service):
    appointment = book(cast, make_slot(desk), service)
    with pytest.raises(DomainError):
        services.appointment_rate(appointment=appointment, score=5, by=cast.owner)
    slot = Slot.objects.create(desk=desk, starts_at=at(-2, 10), ends_at=at(-2, 11), capacity=1)
    done = make_appointment(slot, cast.own, cast.owner, status="done")
    with pytest.raises(DomainError):
        services.appointment_rate(appointment=done, score=6, by=cast.owner)
    assert not SatisfactionAnswer.objects.exists()


def test_daily_reminds_tomorrows_appointments_once(
    french, cast, desk, service, django_capture_on_commit_callbacks
):
    tomorrow = book(cast, make_slot(desk, day_offset=1), service)
    book(cast, make_slot(desk, day_offset=3, hour=11), service)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert daily(timezone.localdate()) == "1 appointment reminders"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@example.ma"]
    assert "Formulaire CN1 rempli" in mail.outbox[0].body
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_at
    with django_capture_on_commit_callbacks(execute=True):
        assert daily(timezone.localdate()) == "0 appointment reminders"


def test_desks_compared_by_volume_delay_and_satisfaction(cast, desk):
    other = make_desk(cast.site, code="SA-CNSS", partner="CNSS")
    for day, status, rating in [(-5, "done", 5), (-4, "done", 3), (-3, "no_show", None)]:
        slot = Slot.objects.create(
            desk=desk, starts_at=at(day, 10), ends_at=at(day, 11), capacity=1
        )
        a = make_appointment(slot, cast.own, cast.owner, status=status)
        Appointment.objects.filter(pk=a.pk).update(
            rating=rating, created_at=slot.starts_at - dt.timedelta(days=2)
        )
    rows = desks_compared(
        desk.site.desks.all(), timezone.localdate() - dt.timedelta(days=30), timezone.localdate()
    )
    first, second = rows
    assert first.desk == desk and second.desk == other
    assert (first.appointments, first.done, first.no_shows) == (3, 2, 1)
    assert first.lead_days == 2.0
    assert first.rating_avg == 4.0 and first.satisfied_rate == 0.5
    assert second.appointments == 0 and second.rating_avg is None
