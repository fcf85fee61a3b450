"""Accompaniment plans: the officer's list and alerts, one plan, the startup's own view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.uploads import serve_private
from technopark.programs import services
from technopark.programs.forms import (
    AdvanceForm,
    ExitForm,
    MilestoneForm,
    PlanForm,
    SessionForm,
    bootstrap,
)
from technopark.programs.forms_plans import (
    MilestoneReviewForm,
    MilestoneSubmitForm,
    MilestoneTemplateForm,
)
from technopark.programs.models import Milestone, Program
from technopark.programs.permissions import (
    programs_run_at,
    runs_program,
    template_programs,
    visible_plans,
)
from technopark.programs.selectors import plan_alerts, silence_weeks
from technopark.programs.services import plans as plan_services
from technopark.programs.services.plans import PATH


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "plan.list")
    today = timezone.localdate()
    plans = (
        visible_plans(request.user)
        .filter(enrollment__ended_on__isnull=True)
        .annotate(
            last_session=Max("sessions__held_on"),
            late=Count(
                "milestones",
                filter=Q(milestones__status__in=Milestone.OPEN, milestones__due_on__lt=today),
            ),
        )
    )
    programs = (
        visible_plans(request.user)
        .order_by("enrollment__program__name")
        .values_list("enrollment__program_id", "enrollment__program__name")
        .distinct()
    )
    listing = Listing(
        request,
        plans,
        search=("startup__name", "startup__ref", "officer__full_name", "officer__email"),
        filters={
            "program": Filter(
                _("Program"),
                [(str(pk), name) for pk, name in programs],
                "enrollment__program_id",
                any_label=_("All"),
            ),
            "mine": Filter(
                _("Officer"),
                [("1", _("Mine only"))],
                lambda qs, value: qs.filter(officer=request.user),
                any_label=_("Anyone"),
            ),
            "late": Filter(
                _("Milestones"),
                [("1", _("With late milestones"))],
                lambda qs, value: qs.filter(late__gt=0),
                any_label=_("All"),
            ),
        },
        sorts={
            "startup": Sort(_("Startup"), ("startup__name", "pk")),
            "late": Sort(_("Most late milestones"), ("-late", "startup__name")),
            "silent": Sort(_("Longest without a session"), ("last_session", "startup__name")),
        },
        columns=[
            Column(_("Startup"), lambda plan: plan.startup.name),
            Column(_("Program"), lambda plan: plan.enrollment.program.name),
            Column(_("Site"), lambda plan: plan.enrollment.site.code),
            Column(_("Officer"), lambda plan: plan.officer.get_full_name() if plan.officer else ""),
            Column(_("Last session"), lambda plan: plan.last_session),
            Column(_("Late milestones"), lambda plan: plan.late),
        ],
        export_name="plans",
    )
    if listing.export:
        return listing.export_response()
    return render(
        request,
        "programs/plan_list.html",
        {"plans": listing.rows, "listing": listing, "today": today},
    )


@login_required
def plan_alert_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "plan.list")
    today = timezone.localdate()
    return render(
        request,
        "programs/plan_alerts.html",
        {
            "alerts": plan_alerts(visible_plans(request.user), today),
            "weeks": silence_weeks(),
            "today": today,
        },
    )


def _officers(plan):
    e = plan.enrollment
    q = Q(roles__kind="program_officer", roles__site_id=e.site_id) | Q(
        roles__kind="site_manager", roles__site_id=e.site_id
    )
    if not e.program.direct:
        q = Q(pk__in=[])
    if e.program.operator_id:
        q |= Q(
            roles__kind__in=["partner_admin", "partner_officer"],
            roles__operator_id=e.program.operator_id,
        )
    return User.objects.filter(q, is_active=True).distinct().order_by("full_name")


def _act(request, plan) -> None:
    action = request.POST.get("action")
    user = request.user
    if action == "plan":
        form = PlanForm(request.POST, instance=plan, officers=_officers(plan))
        if not form.is_valid():
            raise DomainError(" ".join(m for errs in form.errors.values() for m in errs))
        services.plan_update(
            plan=plan,
            needs=form.cleaned_data["needs"],
            diagnostic=form.cleaned_data["diagnostic"],
            officer=form.cleaned_data["officer"],
            by=user,
        )
    elif action == "milestone":
        form = MilestoneForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Give the milestone a title and a due date."))
        services.milestone_add(plan=plan, by=user, **form.cleaned_data)
    elif action == "milestone-status":
        milestone = plan.milestones.filter(pk=request.POST.get("id") or 0).first()
        if milestone is None:
            raise DomainError(_("This milestone no longer exists."))
        services.milestone_set_status(
            milestone=milestone, status=request.POST.get("status", ""), by=user
        )
    elif action == "session":
        form = SessionForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Give the date, the length and the topics of the session."))
        services.session_log(plan=plan, by=user, **form.cleaned_data)
    elif action == "apply-templates":
        made = plan_services.milestone_templates_apply(
            program=plan.enrollment.program, enrollments=[plan.enrollment], by=user
        )
        if not made:
            raise DomainError(_("Every template of the program is already in this plan."))
    elif action == "advance":
        # Only into a program the person runs at the startup's site: a partner's staff
        # moves its startups along its own path, never into the network's or another's.
        runs = programs_run_at(user, plan.enrollment.site_id)
        form = AdvanceForm(request.POST, programs=runs.filter(kind__in=PATH))
        if not form.is_valid():
            raise DomainError(_("Choose the next program and the date."))
        services.enrollment_advance(enrollment=plan.enrollment, by=user, **form.cleaned_data)
    elif action == "exit":
        form = ExitForm(request.POST)
        if not form.is_valid():
            raise DomainError(_("Choose the outcome and the date."))
        services.enrollment_exit(enrollment=plan.enrollment, by=user, **form.cleaned_data)
    else:
        raise DomainError(_("Unknown action."))


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_visible_or_404(visible_plans(request.user), pk=pk)
    require(request.user, "plan.view", plan)
    manages = can(request.user, "plan.change", plan)
    member = principal(request.user).is_member_of(plan.startup_id)
    if request.method == "POST":
        if request.POST.get("action") in ("milestone-submit", "milestone-review"):
            return _milestone_act(request, plan)
        require(request.user, "plan.change", plan)
        try:
            _act(request, plan)
            messages.success(request, _("Saved."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("programs:plan", pk=plan.pk)
    today = timezone.localdate()
    milestones = list(plan.milestones.select_related("template"))
    today = timezone.localdate()
    for m in milestones:  # one form each, with ids of its own (labels point to their field)
        m.submit_form = bootstrap(MilestoneSubmitForm(auto_id=f"id_m{m.pk}_%s"))
        m.review_form = bootstrap(MilestoneReviewForm(auto_id=f"id_r{m.pk}_%s"))
        m.late = m.is_late_on(today)
    context = {
        "plan": plan,
        "manages": manages,
        "member": member,
        "reviews": manages and not member,
        "milestones": milestones,
        "counts": [
            (label, n, Milestone.BADGES[status])
            for status, label in Milestone.Status.choices
            if (n := sum(1 for m in milestones if m.status == status))
        ],
        "has_templates": plan.enrollment.program.milestone_templates.exists(),
        "sessions": plan.sessions.select_related("coach"),
        "enrollments": plan.startup.enrollments.select_related("program", "site"),
        "today": today,
        "statuses": Milestone.Status.choices,
    }
    if manages:
        later = (
            PATH[PATH.index(plan.enrollment.program.kind) + 1 :]
            if (plan.enrollment.program.kind in PATH)
            else []
        )
        context |= {
            "plan_form": bootstrap(PlanForm(instance=plan, officers=_officers(plan))),
            "milestone_form": bootstrap(MilestoneForm()),
            "session_form": bootstrap(SessionForm(initial={"held_on": today, "minutes": 60})),
            "advance_form": bootstrap(
                AdvanceForm(
                    programs=programs_run_at(request.user, plan.enrollment.site_id).filter(
                        kind__in=later
                    ),
                    initial={"on": today},
                )
            )
            if later
            else None,
            "exit_form": bootstrap(ExitForm(initial={"on": today})),
        }
    return render(request, "programs/plan_detail.html", context)


def _milestone_act(request: HttpRequest, plan) -> HttpResponse:
    """The startup marks a milestone; the officer validates it or sends it back."""
    milestone = (
        plan.milestones.select_related("plan").filter(pk=request.POST.get("id") or 0).first()
    )
    if milestone is None:
        raise Http404
    submit = request.POST["action"] == "milestone-submit"
    require(request.user, "milestone.submit" if submit else "milestone.review", milestone)
    try:
        if submit:
            form = MilestoneSubmitForm(request.POST, request.FILES)
            if not form.is_valid():
                raise DomainError(" ".join(m for errs in form.errors.values() for m in errs))
            plan_services.milestone_submit(
                milestone=milestone,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
                link=form.cleaned_data["link"],
                file=form.cleaned_data["file"],
                by=request.user,
            )
            messages.success(request, _("Saved: your officer is told when it is done."))
        else:
            form = MilestoneReviewForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Choose to validate or to send back."))
            validate = form.cleaned_data["decision"] == "validate"
            plan_services.milestone_review(
                milestone=milestone,
                validate=validate,
                comment=form.cleaned_data["comment"],
                by=request.user,
            )
            messages.success(request, _("Validated.") if validate else _("Sent back."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("programs:plan", pk=plan.pk)


@login_required
def milestone_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """The evidence file of a milestone, to those who see the plan (as an attachment)."""
    milestone = get_visible_or_404(
        Milestone.objects.filter(plan__in=visible_plans(request.user)).select_related("plan"),
        pk=pk,
    )
    require(request.user, "plan.view", milestone.plan)
    if not milestone.evidence_file:
        raise Http404
    return serve_private(request, milestone.evidence_file, filename=milestone.evidence_name or None)


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    """The programs whose milestone templates this person manages."""
    require(request.user, "plan.list")
    programs = template_programs(request.user).annotate(templates=Count("milestone_templates"))
    return render(request, "programs/template_list.html", {"programs": programs})


def _cohort_sites(request, program: Program) -> list[tuple[int, str, int]]:
    """(site id, site name, current enrollments) of the sites where this person runs the
    program: an officer of one site applies templates to that site's cohort only."""
    p = principal(request.user)
    rows = (
        program.enrollments.filter(ended_on__isnull=True)
        .values_list("site_id", "site__name")
        .annotate(n=Count("pk"))
        .order_by("site__name")
    )
    return [
        (site_id, name, n)
        for site_id, name, n in rows
        if runs_program(p, program, site_id) or site_id in p.managed_site_ids
    ]


@login_required
def template_program(request: HttpRequest, pk: int) -> HttpResponse:
    """A program's milestone templates: add, change, remove, apply to the cohort."""
    program = get_visible_or_404(template_programs(request.user), pk=pk)
    require(request.user, "milestone_template.manage", program)
    edit = None
    if request.GET.get("edit", "").isdigit():
        edit = program.milestone_templates.filter(pk=int(request.GET["edit"])).first()
    form = MilestoneTemplateForm(instance=edit)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "save":
                target = None
                if request.POST.get("id"):
                    target = program.milestone_templates.filter(pk=request.POST["id"]).first()
                    if target is None:
                        raise DomainError(_("This template no longer exists."))
                form = MilestoneTemplateForm(request.POST, instance=target)
                if not form.is_valid():
                    raise DomainError(_("Check the fields of the template."))
                plan_services.milestone_template_save(
                    program=program,
                    values={k: request.POST.get(k, "") for k in form.fields},
                    template=target,
                    by=request.user,
                )
                messages.success(request, _("Saved."))
            elif action == "delete":
                target = program.milestone_templates.filter(pk=request.POST.get("id") or 0).first()
                if target is None:
                    raise DomainError(_("This template no longer exists."))
                plan_services.milestone_template_delete(template=target, by=request.user)
                messages.success(
                    request, _("Template removed; the milestones already applied stay.")
                )
            elif action == "apply":
                allowed = [site_id for site_id, _name, _n in _cohort_sites(request, program)]
                wanted = request.POST.get("site") or ""
                sites = [int(wanted)] if wanted else allowed
                if not sites or not set(sites) <= set(allowed):
                    raise DomainError(_("Choose a site where you run this program."))
                made = plan_services.milestone_templates_apply(
                    program=program,
                    enrollments=list(
                        program.enrollments.filter(ended_on__isnull=True, site_id__in=sites)
                    ),
                    by=request.user,
                )
                messages.success(
                    request,
                    _("%(n)s milestone(s) added to the cohort's plans.") % {"n": made},
                )
            else:
                raise DomainError(_("Unknown action."))
            return redirect("programs:templates_program", pk=program.pk)
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", _("Unknown action.")))
            if action != "save":
                return redirect("programs:templates_program", pk=program.pk)
    return render(
        request,
        "programs/template_program.html",
        {
            "program": program,
            "templates": program.milestone_templates.all(),
            "form": bootstrap(form),
            "edit": edit,
            "sites": _cohort_sites(request, program),
        },
    )
