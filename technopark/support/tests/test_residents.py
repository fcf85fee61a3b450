"""Residents outside a program: a company hosted by a site (an active hosting contract) but
in no program joins the waiting list, asks the catalogue and books experts when the site's
own rule allows it (`hosting.ResidentAccess`, docs/experts.md); an outsider still cannot."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from technopark.core.errors import DomainError
from technopark.hosting.models import ResidentAccess, WaitingEntry
from technopark.hosting.services.waiting import waiting_add
from technopark.house.testing import LeaseFactory, SpaceFactory, StartupFactory, make_member
from technopark.support import services
from technopark.support.models import ServiceRequest
from technopark.support.tests.fixtures import make_expert

pytestmark = pytest.mark.django_db


def _resident(cast):
    startup = StartupFactory(ref="RES-1", name="Atlas Conseil SARL")
    LeaseFactory(
        startup=startup,
        space=SpaceFactory(site=cast.site, code="A-202"),
        starts_on=dt.date(2024, 1, 1),
    )
    return startup, make_member(startup, founder=True, email="resident@example.ma")


def _outsider():
    startup = StartupFactory(ref="OUT-1", name="Dehors SARL")
    return startup, make_member(startup, founder=True, email="outsider@example.ma")


def _wait(startup, site, by):
    return waiting_add(
        site=site,
        startup=startup,
        area_needed_m2=Decimal("20"),
        kind="office",
        requested_on=timezone.localdate(),
        by=by,
    )


def _ask(startup, by):
    return services.request_create(
        startup=startup,
        family="network",
        title="Un expert export",
        text="Nous visons le marché sénégalais.",
        by=by,
    )


def _monday_10h(weeks: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=7 * weeks)
    day -= dt.timedelta(days=day.weekday())
    if day <= timezone.localdate():
        day += dt.timedelta(days=7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_without_the_sites_rule_a_resident_outside_a_program_is_refused(cast):
    startup, founder = _resident(cast)
    with pytest.raises(DomainError) as refused:
        _wait(startup, cast.site, cast.site_manager)
    assert refused.value.code == "not_admitted"
    with pytest.raises(DomainError) as refused:
        _ask(startup, founder)
    assert refused.value.code == "not_eligible"
    assert not WaitingEntry.objects.exists() and not ServiceRequest.objects.exists()


def test_with_the_sites_rule_a_resident_waits_asks_and_books_experts_within_its_hours(cast):
    ResidentAccess.objects.create(
        site=cast.site, waiting_list=True, services=True, expert_hours_per_year=Decimal("3")
    )
    startup, founder = _resident(cast)
    assert _wait(startup, cast.site, cast.site_manager).site == cast.site
    request = _ask(startup, founder)
    assert request.site == cast.site  # the site's staff answer it
    assert (
        founder.email != ""
        and cast.client("site_manager").get(f"/support/requests/{request.pk}/").status_code == 200
    )
    expert = make_expert(cast)
    when = _monday_10h(2)
    session = services.session_book(
        request=request, expert=expert, starts_at=when, hours=Decimal("2"), by=founder
    )
    assert session.enrollment is None and session.hours == Decimal("2")
    with pytest.raises(DomainError) as refused:  # 2 + 2 > the site's 3 hours a year
        services.session_book(
            request=request,
            expert=expert,
            starts_at=when + dt.timedelta(days=1),
            hours=Decimal("2"),
            by=founder,
        )
    assert refused.value.code == "budget" and "1" in refused.value.message


def test_with_the_sites_rule_an_outsider_is_still_refused(cast):
    ResidentAccess.objects.create(
        site=cast.site, waiting_list=True, services=True, expert_hours_per_year=Decimal("3")
    )
    startup, founder = _outsider()
    with pytest.raises(DomainError) as refused:
        _wait(startup, cast.site, cast.site_manager)
    assert refused.value.code == "not_admitted"
    with pytest.raises(DomainError) as refused:
        _ask(startup, founder)
    assert refused.value.code == "not_eligible"
    # A resident of another site is not one of this site's residents either.
    elsewhere = StartupFactory(ref="RES-B", name="Bouregreg Labs")
    LeaseFactory(startup=elsewhere, space=SpaceFactory(site=cast.other_site, code="B-9"))
    with pytest.raises(DomainError):
        _wait(elsewhere, cast.site, cast.site_manager)
    assert not WaitingEntry.objects.exists() and not ServiceRequest.objects.exists()
