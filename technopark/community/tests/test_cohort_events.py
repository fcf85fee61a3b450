"""An event for a program's cohort: only the startups now in the program (at its site, if
one is given) may register; the page says so; the cohort is told when it is published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from technopark.community import services
from technopark.community.models import Event, Registration
from technopark.core.errors import DomainError
from technopark.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _cohort_event(cast, *, site=None) -> Event:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    return services.event_create(
        site=cast.site,
        title="Masterclass levée de fonds",
        title_ar="درس متقدم في جمع التمويل",
        kind="workshop",
        audience="cohort",
        cohort_program=cast.own.enrollments.get().program,
        cohort_site=site,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=20,
        by=cast.site_manager,
    )


def test_only_the_cohort_registers_and_is_told(cast):
    program = cast.own.enrollments.get().program
    other = cast.other.enrollments.get()
    other.program = program  # `other` is in the same program, at site B
    other.save()
    cast.owner.language = "ar"
    cast.owner.save()
    event = _cohort_event(cast, site=cast.site)
    # The cohort at site A is told, in each one's language; site B's startup is not.
    told = set(
        Notification.objects.filter(kind="community.cohort_event").values_list("user", flat=True)
    )
    assert told == {cast.owner.pk, cast.colleague.pk}
    assert "درس متقدم" in Notification.objects.get(user=cast.owner).title
    page = cast.client("colleague").get(event.get_absolute_url()).content.decode()
    assert "Reserved for the cohort of" in page and "Register" in page
    services.registration_create(event=event, user=cast.colleague)
    assert Registration.objects.filter(event=event, user=cast.colleague).exists()
    # Another startup (not in the cohort at this site) may not, by the page or the service.
    response = cast.client("other_member").post(f"/community/events/{event.pk}/register/")
    assert response.status_code in (302, 403)
    with pytest.raises(DomainError) as refused:
        services.registration_create(event=event, user=cast.other_member)
    assert refused.value.code == "not_in_cohort"
    assert not Registration.objects.filter(user=cast.other_member).exists()
    page = cast.client("other_member").get(event.get_absolute_url()).content.decode()
    assert "reserved for the cohort" in page
    # Staff outside the cohort are not its members either.
    with pytest.raises(DomainError):
        services.registration_create(event=event, user=cast.officer)


def test_a_cohort_event_names_its_program_and_a_former_startup_is_out(cast):
    start = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(DomainError) as refused:
        services.event_create(
            site=cast.site,
            title="Sans programme",
            kind="workshop",
            audience="cohort",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            capacity=5,
            by=cast.site_manager,
        )
    assert refused.value.field == "cohort_program"
    enrollment = cast.own.enrollments.get()
    enrollment.ended_on = dt.date(2023, 1, 1)
    enrollment.outcome = "graduated"
    enrollment.save()
    event = _cohort_event(cast, site=cast.site)
    assert not Notification.objects.filter(kind="community.cohort_event").exists()
    with pytest.raises(DomainError):
        services.registration_create(event=event, user=cast.owner)
