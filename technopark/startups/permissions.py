"""Who sees and changes startups, their team and their private records.

A startup's public profile is seen by everyone when it chose to be listed. Its private
records (team, figures, plan, invoices) are seen by its members, by staff of the sites
where it is enrolled or hosted, by the partner whose program enrolled it, and by the
network's administrators. One startup never sees another's private records.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.startups.models import Startup


def _scope_q(p: Principal) -> Q:
    """Startups this principal works on or belongs to (not counting public listing)."""
    q = Q(pk__in=p.startup_ids)
    if p.staff_site_ids:
        q |= Q(enrollments__site_id__in=p.staff_site_ids) | Q(leases__site_id__in=p.staff_site_ids)
    if p.operator_ids:
        q |= Q(enrollments__program__operator_id__in=p.operator_ids)
    return q


def private_startups(user) -> QuerySet[Startup]:
    """Startups whose private records the user may read."""
    p = principal(user)
    if p.is_network_admin:
        return Startup.objects.all()
    if not p.is_authenticated:
        return Startup.objects.none()
    return Startup.objects.filter(pk__in=Startup.objects.filter(_scope_q(p)).values("pk"))


def visible_startups(user) -> QuerySet[Startup]:
    """Startups the user may see at all: public ones, and those in the user's scope."""
    p = principal(user)
    if p.is_network_admin:
        return Startup.objects.all()
    if not p.is_authenticated:
        return Startup.objects.filter(public=True)
    if not p.is_staff and not p.startup_ids:
        return Startup.objects.filter(public=True)
    return Startup.objects.filter(
        Q(public=True) | Q(pk__in=Startup.objects.filter(_scope_q(p)).values("pk"))
    )


def in_private_scope(p: Principal, startup: Startup) -> bool:
    if p.is_network_admin or p.is_member_of(startup.pk):
        return True
    if not p.is_authenticated or not (p.staff_site_ids or p.operator_ids):
        return False
    return Startup.objects.filter(_scope_q(p), pk=startup.pk).exists()


@rule("startup.view")
def _startup_view(p: Principal, startup: Startup) -> bool:
    return startup.public or in_private_scope(p, startup)


@rule("startup.view_private")
def _startup_view_private(p: Principal, startup: Startup) -> bool:
    return in_private_scope(p, startup)


@rule("startup.change")
def _startup_change(p: Principal, startup: Startup) -> bool:
    """Members edit their own profile; staff in scope edit any startup they follow."""
    if p.is_member_of(startup.pk):
        return True
    return (p.is_staff or p.is_network_admin) and in_private_scope(p, startup)


@rule("startup.invite")
def _startup_invite(p: Principal, startup: Startup) -> bool:
    return p.is_founder_of(startup.pk) or p.is_network_admin


@rule("startup.add")
def _startup_add(p: Principal, obj) -> bool:
    return p.is_staff


@rule("startup.workspace")
def _startup_workspace(p: Principal, startup: Startup) -> bool:
    return p.is_member_of(startup.pk)


@rule("startup.staff_page")
def _startup_staff_page(p: Principal, startup: Startup) -> bool:
    """The startup's page for the staff who follow it (its whole timeline, their notes):
    never its members, even those who are staff elsewhere."""
    if p.is_member_of(startup.pk):
        return False
    return p.is_staff and in_private_scope(p, startup)


def visible_staff_notes(user, startup: Startup) -> QuerySet:
    """The staff's notes on `startup`, for those who may open its staff page; else none."""
    from technopark.accounts.permissions import can
    from technopark.startups.models import StaffNote

    if not can(user, "startup.staff_page", startup):
        return StaffNote.objects.none()
    return StaffNote.objects.filter(startup=startup).select_related("author")
