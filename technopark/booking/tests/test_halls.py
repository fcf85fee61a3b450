"""Halls are booked with approval: a request holds its slot, the site approves it or
declines it with the reason told; an event reserves its room."""

from __future__ import annotations

import pytest
from django.core import mail

from technopark.booking import services
from technopark.booking.models import Booking, BookingRule
from technopark.booking.tests.conftest import at
from technopark.core.errors import Conflict, DomainError


@pytest.fixture
def hall(room):
    BookingRule.objects.create(space=room, needs_approval=True)
    return room


def test_a_request_holds_the_slot_then_is_approved_or_declined(
    cast, hall, day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.booking_create(
            space=hall,
            starts_at=at(day, 10),
            ends_at=at(day, 12),
            title="Conférence",
            by=cast.owner,
        )
    assert request.status == "requested"
    assert "awaiting approval" in mail.outbox[-1].subject or "attente" in mail.outbox[-1].subject
    with pytest.raises(Conflict):
        services.booking_create(
            space=hall, starts_at=at(day, 11), ends_at=at(day, 13), title="Autre", by=cast.colleague
        )
    with pytest.raises(DomainError):
        services.booking_decline(booking=request, reason="", by=cast.site_manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_decline(
            booking=request, reason="Travaux dans la salle ce jour-là", by=cast.site_manager
        )
    assert "Travaux dans la salle ce jour-là" in mail.outbox[-1].body
    # the slot is free again; the next request is approved
    second = services.booking_create(
        space=hall, starts_at=at(day, 11), ends_at=at(day, 13), title="Autre", by=cast.colleague
    )
    services.booking_approve(booking=second, by=cast.site_manager)
    assert Booking.objects.get(pk=second.pk).status == "confirmed"


def test_the_manager_decides_from_the_requests_page(cast, hall, day):
    request = services.booking_create(
        space=hall, starts_at=at(day, 10), ends_at=at(day, 12), title="Conférence", by=cast.owner
    )
    manager = cast.client("site_manager")
    page = manager.get(f"/booking/{cast.site.code}/requests/").content.decode()
    assert "Conférence" in page
    manager.post(f"/booking/b/{request.pk}/decide/", {"decision": "approve"})
    assert Booking.objects.get(pk=request.pk).status == "confirmed"
    assert cast.client("owner").get(f"/booking/{cast.site.code}/requests/").status_code == 404
