"""Accompaniment plans: the officer's list and alerts, one plan, the startup's own view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.programs import services
from technopark.programs.forms import (
    AdvanceForm,
    ExitForm,
    MilestoneForm,
    PlanForm,
    SessionForm,
    bootstrap,
)
from technopark.programs.models import Milestone
from technopark.programs.permissions import programs_run_at, visible_plans
from technopark.programs.selectors import plan_alerts, silence_weeks
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
    if request.method == "POST":
        require(request.user, "plan.change", plan)
        try:
            _act(request, plan)
            messages.success(request, _("Saved."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("programs:plan", pk=plan.pk)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "manages": manages,
        "milestones": plan.milestones.all(),
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
