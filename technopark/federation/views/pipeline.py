"""The site pipeline (milestones, checklist, opening) and the scenario tool."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.federation.forms import MilestoneForm, ScenarioForm, SiteOpenForm
from technopark.federation.models import Milestone, SiteProject
from technopark.federation.permissions import visible_projects
from technopark.federation.scenario import project_site
from technopark.federation.services import checklist_item_set, milestone_update, site_open


def _project(request: HttpRequest, code: str) -> SiteProject:
    project = get_visible_or_404(visible_projects(request.user), site__code=code)
    require(request.user, "project.view", project)
    return project


@login_required
def pipeline_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "federation.network_staff", view_perm="federation.network_staff")
    today = timezone.localdate()
    projects = list(
        visible_projects(request.user).prefetch_related("milestones", "checklist", "planned_spaces")
    )
    for project in projects:
        project.summary = _summary(project, today)
    return render(
        request,
        "federation/pipeline_list.html",
        {
            "projects": projects,
            "today": today,
            "budget_total": sum((p.budget_mad for p in projects), Decimal(0)),
            "kinds": Milestone.Kind.choices,
        },
    )


def _summary(project: SiteProject, today) -> dict:
    milestones = sorted(project.milestones.all(), key=lambda m: m.order)
    checklist = list(project.checklist.all())
    spaces = list(project.planned_spaces.all())
    done = sum(1 for item in checklist if item.done)
    return {
        "milestones": milestones,
        "late": [m for m in milestones if m.is_late(today)],
        "checklist_done": done,
        "checklist_total": len(checklist),
        "ready": bool(checklist) and done == len(checklist),
        "leasable_m2": sum((s.area_m2 for s in spaces if s.leasable), Decimal(0)),
        "total_m2": sum((s.area_m2 for s in spaces), Decimal(0)),
        "offices": sum(1 for s in spaces if s.kind == "office"),
        "desks": sum(s.seats for s in spaces if s.kind == "coworking"),
        "spaces": spaces,
        "checklist": checklist,
    }


@login_required
def pipeline_detail(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(request, code)
    today = timezone.localdate()
    can_change = can(request.user, "project.change", project)
    return render(
        request,
        "federation/pipeline_detail.html",
        {
            "project": project,
            "site": project.site,
            "summary": _summary(project, today),
            "today": today,
            "can_change": can_change,
            "can_open": can(request.user, "project.open_site", project)
            and project.site.opened_on is None,
            "open_form": SiteOpenForm(),
        },
    )


@login_required
def milestone_edit(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    project = _project(request, code)
    require(request.user, "project.change", project, view_perm="project.view")
    milestone = get_visible_or_404(project.milestones.all(), kind=kind)
    initial = {
        "planned_on": milestone.planned_on,
        "status": milestone.status,
        "actual_on": milestone.actual_on,
        "note": milestone.note,
    }
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_update(milestone=milestone, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Milestone saved."))
            return redirect("federation:pipeline_detail", code=project.site.code)
    return render(
        request,
        "federation/milestone_form.html",
        {"project": project, "milestone": milestone, "form": form},
    )


@login_required
@require_POST
def checklist_toggle(request: HttpRequest, code: str, item_id: int) -> HttpResponse:
    project = _project(request, code)
    require(request.user, "project.change", project, view_perm="project.view")
    item = get_visible_or_404(project.checklist.all(), pk=item_id)
    try:
        checklist_item_set(item=item, done=request.POST.get("done") == "1", by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("federation:pipeline_detail", code=project.site.code)


@login_required
@require_POST
def site_open_view(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(request, code)
    require(request.user, "project.open_site", project, view_perm="project.view")
    form = SiteOpenForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("federation:pipeline_detail", code=project.site.code)
    try:
        site = site_open(
            site=project.site, opened_on=form.cleaned_data["opened_on"], by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("federation:pipeline_detail", code=project.site.code)
    messages.success(
        request,
        _("%(site)s is open: its spaces, programs and partner desks are ready.") % {"site": site},
    )
    return redirect(site.get_absolute_url())


@login_required
def scenario_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "federation.network_staff", view_perm="federation.network_staff")
    today = timezone.localdate()
    form = ScenarioForm(request.GET or None, initial={"year": today.year + 1})
    scenario = None
    if request.GET and form.is_valid():
        try:
            scenario = project_site(today=today, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request, "federation/scenario.html", {"form": form, "scenario": scenario, "today": today}
    )
