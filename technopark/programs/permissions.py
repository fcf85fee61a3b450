"""Who sees and changes programs and enrollments."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.programs.models import Enrollment, Program
from technopark.startups.permissions import in_private_scope


def visible_programs(user) -> QuerySet[Program]:
    """Programs are public: the network advertises them."""
    return Program.objects.select_related("operator")


def visible_enrollments(user) -> QuerySet[Enrollment]:
    p = principal(user)
    qs = Enrollment.objects.select_related("startup", "program", "site")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    q = Q(startup_id__in=p.startup_ids)
    if p.staff_site_ids:
        q |= Q(site_id__in=p.staff_site_ids)
    if p.operator_ids:
        q |= Q(program__operator_id__in=p.operator_ids)
    return qs.filter(q)


def runs_program(p: Principal, program: Program, site_id: int | None = None) -> bool:
    """Network admins, partner staff of the program's operator, and officers in scope."""
    if p.is_network_admin:
        return True
    if program.operator_id and program.operator_id in p.operator_ids:
        return True
    for scope_site, scope_program in p.officer_scopes:
        if scope_program in (None, program.pk) and (site_id is None or scope_site == site_id):
            return True
    return site_id is not None and site_id in p.managed_site_ids


@rule("program.view")
def _program_view(p: Principal, program: Program) -> bool:
    return True


@rule("program.change")
def _program_change(p: Principal, program: Program) -> bool:
    return p.is_network_admin or (
        program.operator_id is not None and program.operator_id in p.partner_admin_operator_ids
    )


@rule("enrollment.view")
def _enrollment_view(p: Principal, enrollment: Enrollment) -> bool:
    return in_private_scope(p, enrollment.startup)


@rule("enrollment.change")
def _enrollment_change(p: Principal, enrollment: Enrollment) -> bool:
    return runs_program(p, enrollment.program, enrollment.site_id)
