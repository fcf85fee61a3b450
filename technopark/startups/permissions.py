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


def _holders(relation: str):
    """The rows of a higher app that point at startups (`enrollments`, `leases`), found
    through the relation's name: this app imports neither programs nor hosting."""
    return Startup._meta.get_field(relation).related_model._base_manager


def _scope_q(p: Principal) -> Q:
    """Startups this principal works on or belongs to (not counting public listing).

    Each way in is one `IN` subquery on its own table's index (a site's enrollments and
    leases, an operator's programs' enrollments), not a join of every startup to every
    enrollment and lease: the cost follows what the person works on, not the network's
    size (docs/performance.md, "Ten times the network"). No join, so no duplicate rows."""
    q = Q(pk__in=p.startup_ids)
    if p.staff_site_ids:
        sites = sorted(p.staff_site_ids)
        for relation in ("enrollments", "leases"):
            held = _holders(relation).filter(site_id__in=sites).values("startup_id")
            q |= Q(pk__in=held)
    if p.operator_ids:
        enrolled = _holders("enrollments").filter(program__operator_id__in=sorted(p.operator_ids))
        q |= Q(pk__in=enrolled.values("startup_id"))
    return q


def private_startups(user) -> QuerySet[Startup]:
    """Startups whose private records the user may read."""
    p = principal(user)
    if p.is_network_admin:
        return Startup.objects.all()
    if not p.is_authenticated:
        return Startup.objects.none()
    return Startup.objects.filter(_scope_q(p))


def visible_startups(user) -> QuerySet[Startup]:
    """Startups the user may see at all: public ones, and those in the user's scope."""
    p = principal(user)
    if p.is_network_admin:
        return Startup.objects.all()
    if not p.is_authenticated:
        return Startup.objects.filter(public=True)
    if not p.is_staff and not p.startup_ids:
        return Startup.objects.filter(public=True)
    return Startup.objects.filter(Q(public=True) | _scope_q(p))


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
