"""Experts' weekly slots: published by the expert, booked by a founder within the startup's
hours, never twice; cancellation until 24 hours before; no-shows counted and enforced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.programs.models import Enrollment
from technopark.support import services_slots as availability
from technopark.support.models import (
    ExpertHoursBudget,
    ExpertSession,
    ExpertSlot,
    ServiceRequest,
    SlotBooking,
)
from technopark.support.selectors import hours_budget_on
from technopark.support.tests.fixtures import make_expert
from technopark.support.tests.slot_fixtures import first_start, publish_slot


@pytest.fixture
def expert(cast):
    return make_expert(cast)


@pytest.fixture
def slot(expert):
    return publish_slot(expert)


def _book(cast, slot, startup=None, by=None, start=None):
    return availability.slot_session_book(
        slot=slot,
        starts_at=start or first_start(slot),
        startup=startup or cast.own,
        topic="Pricing SaaS",
        by=by or cast.owner,
    )


def test_the_expert_publishes_a_weekly_slot_from_their_page(cast, expert):
    day = timezone.localdate() + dt.timedelta(days=2)
    response = cast.client("expert").post(
        "/support/experts/me/slots/",
        {
            "weekday": day.weekday(),
            "start": "14:00",
            "end": "15:30",
            "valid_from": timezone.localdate().isoformat(),
            "mode": "place",
            "place": "Technopark Casablanca, salle 3",
        },
    )
    assert response.status_code == 302
    slot = ExpertSlot.objects.get()
    assert slot.hours == Decimal("1.5")
    assert Action.objects.filter(name="expert_slot.published").count() == 1
    # An overlapping slot on the same day is refused, with the reason, and nothing saved.
    response = cast.client("expert").post(
        "/support/experts/me/slots/",
        {
            "weekday": day.weekday(),
            "start": "15:00",
            "end": "16:00",
            "valid_from": timezone.localdate().isoformat(),
            "mode": "video",
        },
    )
    assert response.status_code == 400
    assert "overlaps" in response.content.decode()
    assert ExpertSlot.objects.count() == 1


def test_a_founder_sees_the_next_free_slots_and_books_one(cast, slot):
    client = cast.client("owner")
    page = client.get("/support/experts/book/").content.decode()
    first = first_start(slot)
    assert f"{slot.pk}|{first.isoformat()}" in page
    assert "24 hours before" in page  # the cancellation rule is stated
    response = client.post(
        "/support/experts/book/",
        {"occurrence": f"{slot.pk}|{first.isoformat()}", "topic": "Pricing SaaS"},
    )
    assert response.status_code == 302
    session = ExpertSession.objects.get()
    assert session.starts_at == first and session.hours == Decimal("2")
    assert session.request.startup == cast.own and session.request.family == "network"
    assert SlotBooking.objects.get().session == session
    assert hours_budget_on(cast.own).used == Decimal("2")
    assert Action.objects.filter(name="expert_session.booked", startup_id=cast.own.pk).exists()
    # The occurrence is no longer offered; the next week's is.
    page = client.get("/support/experts/book/").content.decode()
    assert f"{slot.pk}|{first.isoformat()}" not in page
    next_week = first + dt.timedelta(days=7)
    assert f"{slot.pk}|{next_week.isoformat()}" in page


def test_a_taken_occurrence_is_refused_to_another_startup(cast, slot):
    _book(cast, slot)
    with pytest.raises(DomainError) as refused:
        _book(cast, slot, startup=cast.other, by=cast.other_member)
    assert refused.value.status == 409
    assert ExpertSession.objects.count() == 1
    assert not ServiceRequest.objects.filter(startup=cast.other).exists()


def test_a_time_that_is_not_an_occurrence_is_refused(cast, slot):
    with pytest.raises(DomainError) as refused:
        _book(cast, slot, start=first_start(slot) + dt.timedelta(hours=1))
    assert refused.value.field == "starts_at"
    assert not ExpertSession.objects.exists()


def test_the_startups_budget_of_hours_is_enforced(cast, slot):
    enrollment = Enrollment.objects.get(startup=cast.own)
    ExpertHoursBudget.objects.create(program=enrollment.program, hours=Decimal("3"))
    _book(cast, slot)
    with pytest.raises(DomainError) as refused:
        _book(cast, slot, start=first_start(slot) + dt.timedelta(days=7))
    assert refused.value.code == "budget"
    assert "2 of 3 hours used, 1 left" in refused.value.message
    assert ExpertSession.objects.count() == 1
    assert ServiceRequest.objects.count() == 1  # the refused booking left no request behind


def test_hours_are_counted_per_startup_on_the_experts_page(cast, slot):
    _book(cast, slot)
    page = cast.client("expert").get("/support/experts/me/slots/").content.decode()
    assert "Own Startup" in page and "2 h" in page


def test_the_startup_cancels_until_24_hours_before_then_the_hours_count(cast, slot):
    session = _book(cast, slot)
    client = cast.client("owner")
    response = client.post(
        f"/support/sessions/{session.pk}/cancel-booking/", {"reason": "Empêchement"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == ExpertSession.Status.CANCELLED
    assert hours_budget_on(cast.own).used == 0
    assert Action.objects.filter(name="expert_session.cancelled").count() == 1

    late = _book(cast, slot, start=first_start(slot) + dt.timedelta(days=7))
    ExpertSession.objects.filter(pk=late.pk).update(
        starts_at=timezone.now() + dt.timedelta(hours=20)
    )
    client.post(f"/support/sessions/{late.pk}/cancel-booking/", {"reason": "Empêchement"})
    late.refresh_from_db()
    assert late.status == ExpertSession.Status.PROPOSED
    assert hours_budget_on(cast.own).used == Decimal("2")
    # The same rule holds through the request page's own cancel button.
    client.post(f"/support/sessions/{late.pk}/cancel/", {"reason": "Empêchement"})
    late.refresh_from_db()
    assert late.status == ExpertSession.Status.PROPOSED
    # The expert may still cancel their own session.
    availability.slot_session_cancel(session=late, reason="Malade", by=cast.expert)
    late.refresh_from_db()
    assert late.status == ExpertSession.Status.CANCELLED


def test_after_two_no_shows_the_startup_books_no_more_slots_in_the_period(cast, slot):
    sessions = [
        _book(cast, slot, start=first_start(slot) + dt.timedelta(days=7 * week))
        for week in range(2)
    ]
    with pytest.raises(DomainError) as early:
        availability.slot_session_no_show(session=sessions[0], by=cast.expert)
    assert "once the session's time has come" in early.value.message
    for session in sessions:
        ExpertSession.objects.filter(pk=session.pk).update(
            starts_at=timezone.now() - dt.timedelta(days=1, hours=sessions.index(session))
        )
        response = cast.client("expert").post(f"/support/sessions/{session.pk}/no-show/")
        assert response.status_code == 302
    assert SlotBooking.objects.filter(no_show=True).count() == 2
    assert hours_budget_on(cast.own).used == Decimal("4")  # missed hours stay spent
    with pytest.raises(DomainError) as refused:
        _book(cast, slot, start=first_start(slot) + dt.timedelta(days=14))
    assert refused.value.code == "no_shows"


def test_another_startup_never_reaches_a_founders_session(cast, slot):
    session = _book(cast, slot)
    response = cast.client("other_member").post(
        f"/support/sessions/{session.pk}/cancel-booking/", {"reason": "x"}
    )
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.status == ExpertSession.Status.PROPOSED
    page = cast.client("other_member").get("/support/experts/book/").content.decode()
    assert "Pricing SaaS" not in page and "Own Startup" not in page


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_slot_form_opens_with_its_first_week_filled_in(cast, expert, language):
    """The first week was written "07/12/2026" into an <input type="date">, which reads
    only 2026-12-07: the browser showed it empty and the required field stopped the form."""
    page = cast.client("expert").get("/support/experts/me/slots/", HTTP_ACCEPT_LANGUAGE=language)
    today = timezone.localdate()
    assert f'name="valid_from" value="{today.isoformat()}"' in page.content.decode()
