"""Who sees events, who registers, who runs them; tickets are their holder's.

Public events are seen by everyone; events for the network or for residents are seen by
signed-in people. Anyone signed in registers for public and network events; residents'
events take members of startups hosted or accompanied at the site, and staff. Staff of
the event's site (and the network's administrators) run it: registrations, approvals,
check-in; staff of another site get 404 on its management pages.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.community.models import Event, Registration
from technopark.hosting.selectors import leases_active_on
from technopark.startups.models import Startup


def visible_events(user) -> QuerySet[Event]:
    qs = Event.objects.select_related("site")
    if not principal(user).is_authenticated:
        return qs.filter(audience=Event.Audience.PUBLIC)
    return qs


def managed_events(user) -> QuerySet[Event]:
    p = principal(user)
    qs = Event.objects.select_related("site")
    if p.is_network_admin:
        return qs
    if not p.staff_site_ids:
        return qs.none()
    return qs.filter(site_id__in=p.staff_site_ids)


def visible_registrations(user) -> QuerySet[Registration]:
    p = principal(user)
    qs = Registration.objects.select_related("event__site", "user")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(Q(user_id=p.user_id) | Q(event__site_id__in=p.staff_site_ids))


def is_resident_at(p: Principal, site_id: int) -> bool:
    if not p.startup_ids:
        return False
    today = dt.date.today()
    return (
        Startup.objects.filter(pk__in=p.startup_ids)
        .filter(
            # hosting's one definition of a resident, or enrolled in a program at the site
            Q(pk__in=leases_active_on(today).filter(site_id=site_id).values("startup_id"))
            | Q(enrollments__site_id=site_id, enrollments__ended_on__isnull=True)
        )
        .exists()
    )


def cohort_enrollments(event: Event):
    """The current enrollments of an event's cohort (its program, at its site if any)."""
    from technopark.programs.models import Enrollment

    qs = Enrollment.objects.filter(program_id=event.cohort_program_id, ended_on__isnull=True)
    if event.cohort_site_id:
        qs = qs.filter(site_id=event.cohort_site_id)
    return qs


def in_cohort(p: Principal, event: Event) -> bool:
    """A member of a startup now in the event's cohort."""
    if not (p.is_authenticated and p.startup_ids and event.cohort_program_id):
        return False
    return cohort_enrollments(event).filter(startup_id__in=p.startup_ids).exists()


@rule("event.view")
def _event_view(p: Principal, event: Event) -> bool:
    return event.audience == Event.Audience.PUBLIC or p.is_authenticated


@rule("event.register")
def _event_register(p: Principal, event: Event) -> bool:
    if not p.is_authenticated:
        return False
    if event.audience == Event.Audience.COHORT:
        return in_cohort(p, event)
    if event.audience != Event.Audience.RESIDENTS:
        return True
    return p.is_staff or is_resident_at(p, event.site_id)


@rule("event.manage")
def _event_manage(p: Principal, event: Event) -> bool:
    return p.works_at_site(event.site_id)


@rule("event.add")
def _event_add(p: Principal, site) -> bool:
    if site is None:
        return p.is_network_admin or bool(p.staff_site_ids)
    return p.works_at_site(site.pk)


@rule("event.attendance")
def _event_attendance(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.staff_site_ids)


@rule("registration.view")
def _registration_view(p: Principal, r: Registration) -> bool:
    return r.user_id == p.user_id or p.works_at_site(r.event.site_id)


@rule("registration.decide")
def _registration_decide(p: Principal, r: Registration) -> bool:
    return p.works_at_site(r.event.site_id)


@rule("amenity.view")
def _amenity_view(p: Principal, obj) -> bool:
    return True
