"""Community life's rules, through its services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from technopark.community import services
from technopark.community.models import Event, Registration
from technopark.community.tests.factories import make_event
from technopark.core.errors import Conflict, DomainError
from technopark.house.testing import UserFactory


def test_seats_then_waiting_list(cast):
    event = make_event(cast.site, capacity=2)
    people = [UserFactory() for _ in range(3)]
    statuses = [services.registration_create(event=event, user=u).status for u in people]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert Event.objects.get(pk=event.pk).confirmed == 2


def test_cancel_promotes_the_first_on_the_list_and_tells_them(
    cast, django_capture_on_commit_callbacks
):
    event = make_event(cast.site, capacity=1)
    first, second, third = (UserFactory() for _ in range(3))
    confirmed = services.registration_create(event=event, user=first)
    services.registration_create(event=event, user=second)
    services.registration_create(event=event, user=third)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=confirmed, by=first)
    assert promoted.user == second and promoted.status == "confirmed"
    assert Registration.objects.get(event=event, user=third).status == "waitlisted"
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert f"/community/tickets/{promoted.ticket}/" in mail.outbox[0].body
    assert Event.objects.get(pk=event.pk).confirmed == 1


def test_cancelling_a_waiting_place_frees_no_seat(cast):
    event = make_event(cast.site, capacity=1)
    services.registration_create(event=event, user=UserFactory())
    waiting = services.registration_create(event=event, user=UserFactory())
    assert services.registration_cancel(registration=waiting, by=None) is None
    assert Event.objects.get(pk=event.pk).confirmed == 1


def test_one_active_registration_per_person(cast):
    event = make_event(cast.site)
    services.registration_create(event=event, user=cast.owner)
    with pytest.raises(Conflict) as exc:
        services.registration_create(event=event, user=cast.owner)
    assert exc.value.code == "already_registered"


def test_registering_again_after_cancelling(cast):
    event = make_event(cast.site)
    first = services.registration_create(event=event, user=cast.owner)
    services.registration_cancel(registration=first, by=cast.owner)
    again = services.registration_create(event=event, user=cast.owner)
    assert again.status == "confirmed" and again.ticket != first.ticket


def test_deadline_started_and_cancelled_events_refuse(cast):
    closed = make_event(cast.site, registration_deadline=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(DomainError) as exc:
        services.registration_create(event=closed, user=cast.owner)
    assert exc.value.code == "closed"
    event = make_event(cast.site)
    services.event_cancel(event=event, by=cast.site_manager)
    with pytest.raises(DomainError) as exc:
        services.registration_create(event=event, user=cast.owner)
    assert exc.value.code == "cancelled"


def test_approval_step(cast):
    event = make_event(cast.site, capacity=1, requires_approval=True)
    a = services.registration_create(event=event, user=UserFactory())
    b = services.registration_create(event=event, user=UserFactory())
    c = services.registration_create(event=event, user=UserFactory())
    assert {a.status, b.status, c.status} == {"pending"}
    assert Event.objects.get(pk=event.pk).confirmed == 0
    assert services.registration_decide(registration=a, approve=True, by=None).status == "confirmed"
    assert (
        services.registration_decide(registration=b, approve=True, by=None).status == "waitlisted"
    )
    assert services.registration_decide(registration=c, approve=False, by=None).status == "rejected"
    with pytest.raises(Conflict):
        services.registration_decide(registration=c, approve=True, by=None)


def test_checkin_is_idempotent_and_only_for_confirmed(cast):
    event = make_event(cast.site, capacity=1)
    confirmed = services.registration_create(event=event, user=UserFactory())
    waiting = services.registration_create(event=event, user=UserFactory())
    reg, first = services.checkin(registration=confirmed, by=None)
    assert first and reg.checked_in_at
    again, first_again = services.checkin(registration=confirmed, by=None)
    assert not first_again and again.checked_in_at == reg.checked_in_at
    with pytest.raises(DomainError):
        services.checkin(registration=waiting, by=None)
    with pytest.raises(Conflict):  # who came cannot unregister afterwards
        services.registration_cancel(registration=confirmed, by=None)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": " "}, "title"),
        ({"kind": "party"}, "kind"),
        ({"audience": "friends"}, "audience"),
        ({"capacity": 0}, "capacity"),
        ({"ends_at": -1}, "ends_at"),
        ({"registration_deadline": 1}, "registration_deadline"),
    ],
)
def test_event_create_refuses_bad_input(cast, change, field):
    start = timezone.now() + dt.timedelta(days=3)
    args = dict(
        site=cast.site,
        title="Atelier",
        kind="workshop",
        audience="public",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=20,
    )
    for key, value in change.items():
        if key == "ends_at":
            args[key] = start - dt.timedelta(hours=1)
        elif key == "registration_deadline":
            args[key] = start + dt.timedelta(hours=1)
        else:
            args[key] = value
    with pytest.raises(DomainError) as exc:
        services.event_create(by=cast.site_manager, **args)
    assert exc.value.field == field
    assert not Event.objects.exists()


def test_cancelling_an_event_tells_everyone(cast, django_capture_on_commit_callbacks):
    event = make_event(cast.site, capacity=1)
    services.registration_create(event=event, user=UserFactory())
    services.registration_create(event=event, user=UserFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=cast.site_manager)
    assert len(mail.outbox) == 2


def test_the_database_refuses_more_confirmed_than_seats(cast):
    from django.db import IntegrityError, transaction

    event = make_event(cast.site, capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(confirmed=3)


def test_daily_reminds_tomorrows_attendees_once(cast, django_capture_on_commit_callbacks):
    from technopark.community.daily import daily

    tomorrow = make_event(cast.site, days=1)
    later = make_event(cast.site, days=5)
    services.registration_create(event=tomorrow, user=cast.owner)
    services.registration_create(event=later, user=cast.colleague)
    day = timezone.localdate(tomorrow.starts_at) - dt.timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert daily(day) == "1 event reminders, 0 attendance follow-ups"
    assert [m.to for m in mail.outbox] == [[cast.owner.email]]
    assert "/community/tickets/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert daily(day) == "0 event reminders, 0 attendance follow-ups"


def test_a_cancelled_registration_is_a_named_action(cast):
    from technopark.core.models import Action

    event = make_event(cast.site, capacity=1)
    person = UserFactory()
    registration = services.registration_create(event=event, user=person)
    services.registration_cancel(registration=registration, by=person)
    cancelled = Action.objects.get(name="registration.cancelled")
    assert (cancelled.actor, cancelled.site_id) == (person, cast.site.pk)
    assert cancelled.payload == {"event": event.pk, "was": "confirmed"}
