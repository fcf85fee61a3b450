"""Who sees and changes programs, calls, applications, reviews, enrollments and plans.

A program is run by the network's officers of the site (or the site's manager) when it is a
direct program, and by the partner's staff when a partner runs it (`direct=False`): the
network's site staff do not manage a partner's calls, applicants or plans.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from technopark.accounts.permissions import Principal, principal, rule
from technopark.programs.models import (
    Application,
    Call,
    Enrollment,
    Plan,
    Program,
    ReviewAssignment,
)
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
    if not program.direct:
        return False
    for scope_site, scope_program in p.officer_scopes:
        if scope_program in (None, program.pk) and (site_id is None or scope_site == site_id):
            return True
    return site_id is not None and site_id in p.managed_site_ids


def programs_run_at(user, site_id: int) -> QuerySet[Program]:
    """The programs this person runs at a site: where they may move a startup to next."""
    p = principal(user)
    ids = [program.pk for program in Program.objects.all() if runs_program(p, program, site_id)]
    return Program.objects.filter(pk__in=ids)


def managed_q(p: Principal, prefix: str = "") -> Q:
    """The rows (calls, enrollments: anything with program and site) this principal runs."""
    if p.is_network_admin:
        return Q()
    q = Q(pk__in=[])
    if p.operator_ids:
        q |= Q(**{f"{prefix}program__operator_id__in": p.operator_ids})
    direct = Q(pk__in=[])
    if p.managed_site_ids:
        direct |= Q(**{f"{prefix}site_id__in": p.managed_site_ids})
    for site_id, program_id in p.officer_scopes:
        scope = Q(**{f"{prefix}site_id": site_id})
        if program_id is not None:
            scope &= Q(**{f"{prefix}program_id": program_id})
        direct |= scope
    return q | (Q(**{f"{prefix}program__direct": True}) & direct)


def _runs(p: Principal) -> bool:
    return p.is_network_admin or bool(p.operator_ids or p.managed_site_ids or p.officer_scopes)


def managed_calls(user) -> QuerySet[Call]:
    p = principal(user)
    if not _runs(p):
        return Call.objects.none()
    return Call.objects.filter(managed_q(p)).select_related("program", "site")


def visible_calls(user) -> QuerySet[Call]:
    """Published calls for everyone; drafts for those who run them."""
    p = principal(user)
    qs = Call.objects.select_related("program", "site", "program__operator")
    published = Q(published_at__isnull=False, published_at__lte=timezone.now())
    if p.is_network_admin:
        return qs
    if not _runs(p):
        return qs.filter(published)
    return qs.filter(published | managed_q(p))


def visible_applications(user) -> QuerySet[Application]:
    """The applicant's own, those of calls the user runs, and those assigned to review."""
    p = principal(user)
    qs = Application.objects.select_related("call", "call__program", "call__site", "applicant")
    if not p.is_authenticated:
        return qs.none()
    if p.is_network_admin:
        return qs
    q = Q(applicant_id=p.user_id) | Q(assignments__reviewer_id=p.user_id)
    if _runs(p):
        q |= Q(call__in=Call.objects.filter(managed_q(p)))
    return qs.filter(pk__in=Application.objects.filter(q).values("pk"))


def visible_plans(user) -> QuerySet[Plan]:
    p = principal(user)
    qs = Plan.objects.select_related(
        "startup", "enrollment__program", "enrollment__site", "officer"
    )
    if not p.is_authenticated:
        return qs.none()
    if p.is_network_admin:
        return qs
    q = Q(startup_id__in=p.startup_ids) | Q(officer_id=p.user_id)
    if _runs(p):
        q |= managed_q(p, "enrollment__")
    return qs.filter(q)


def runs_call(p: Principal, call: Call) -> bool:
    return runs_program(p, call.program, call.site_id)


def reviews(p: Principal, application: Application) -> bool:
    return (
        p.is_authenticated
        and ReviewAssignment.objects.filter(application=application, reviewer_id=p.user_id).exists()
    )


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


@rule("call.add")
def _call_add(p: Principal, obj) -> bool:
    return _runs(p)


@rule("call.view")
def _call_view(p: Principal, call: Call) -> bool:
    return call.is_published or runs_call(p, call)


@rule("call.manage")
def _call_manage(p: Principal, call: Call) -> bool:
    return runs_call(p, call)


@rule("application.view")
def _application_view(p: Principal, application: Application) -> bool:
    return (
        application.applicant_id == p.user_id
        or runs_call(p, application.call)
        or reviews(p, application)
    )


@rule("application.edit")
def _application_edit(p: Principal, application: Application) -> bool:
    return application.applicant_id == p.user_id and p.is_authenticated


@rule("application.review")
def _application_review(p: Principal, application: Application) -> bool:
    """An assigned reviewer who has not withdrawn for a conflict of interest."""
    return (
        p.is_authenticated
        and ReviewAssignment.objects.filter(
            application=application, reviewer_id=p.user_id, withdrawn_at__isnull=True
        ).exists()
    )


@rule("application.declare")
def _application_declare(p: Principal, application: Application) -> bool:
    """An assigned reviewer declares a conflict of interest, or none."""
    return reviews(p, application)


@rule("application.letter")
def _application_letter(p: Principal, application: Application) -> bool:
    """The decision letter: its applicant and the staff who run the call."""
    return application.status in Application.DECISIONS and (
        application.applicant_id == p.user_id or runs_call(p, application.call)
    )


@rule("application.manage")
def _application_manage(p: Principal, application: Application) -> bool:
    return runs_call(p, application.call)


@rule("plan.view")
def _plan_view(p: Principal, plan: Plan) -> bool:
    return (
        p.is_member_of(plan.startup_id)
        or (p.is_authenticated and plan.officer_id == p.user_id)
        or runs_program(p, plan.enrollment.program, plan.enrollment.site_id)
    )


@rule("plan.change")
def _plan_change(p: Principal, plan: Plan) -> bool:
    return (p.is_authenticated and plan.officer_id == p.user_id) or runs_program(
        p, plan.enrollment.program, plan.enrollment.site_id
    )


@rule("plan.list")
def _plan_list(p: Principal, obj) -> bool:
    return _runs(p)


# --- Milestones: the startup marks them, the program's staff validate them ------------------


@rule("milestone.submit")
def _milestone_submit(p: Principal, milestone) -> bool:
    """The startup's own team, on a milestone still open to it."""
    return p.is_member_of(milestone.plan.startup_id)


@rule("milestone.review")
def _milestone_review(p: Principal, milestone) -> bool:
    """Those who may change the plan, never the startup's own team (it does not validate
    its own milestones)."""
    plan = milestone.plan
    if p.is_member_of(plan.startup_id):
        return False
    return (p.is_authenticated and plan.officer_id == p.user_id) or runs_program(
        p, plan.enrollment.program, plan.enrollment.site_id
    )


@rule("milestone_template.manage")
def _milestone_template_manage(p: Principal, program: Program) -> bool:
    """A program's officers (at any of its sites), its partner's staff, the managers of
    its sites, network admins."""
    if runs_program(p, program):
        return True
    return bool(
        program.direct
        and p.managed_site_ids
        and (
            program.sites.filter(pk__in=p.managed_site_ids).exists()
            or program.enrollments.filter(site_id__in=p.managed_site_ids).exists()
        )
    )


def template_programs(user) -> QuerySet[Program]:
    """The programs whose milestone templates this person manages."""
    p = principal(user)
    if not _runs(p):
        return Program.objects.none()
    return Program.objects.filter(
        pk__in=[
            program.pk
            for program in Program.objects.all()
            if _milestone_template_manage(p, program)
        ]
    )
