"""The procedures' editor: network administrators write a procedure and its ordered steps
(names in French, Arabic and English, the desk, the usual delay, the pieces required)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.desk import services_procedures as services
from technopark.desk.models import FileStep
from technopark.desk.permissions import visible_procedures
from technopark.desk.procedure_forms import ProcedureForm, StepForm

STEP_ACTIONS = ("up", "down", "remove")


def _refuse(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def procedure_create(request: HttpRequest) -> HttpResponse:
    """A new procedure: its names and code; its steps are added on its page."""
    require(request.user, "procedure.manage")
    form = ProcedureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            procedure = services.procedure_save(values=form.cleaned_data, by=request.user)
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, _("The procedure is saved: now add its steps, in order."))
            return redirect("desk:procedure_edit", pk=procedure.pk)
    return render(
        request,
        "desk/procedure_create.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def procedure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A procedure and its steps: change the names, add, change, move or remove a step."""
    procedure = get_visible_or_404(visible_procedures(request.user), pk=pk)
    require(request.user, "procedure.manage", procedure, view_perm="procedure.view")
    here = reverse("desk:procedure_edit", args=[procedure.pk])
    steps = procedure.steps.annotate(
        used=Exists(FileStep.objects.filter(step_id=OuterRef("pk")))
    ).order_by("position")
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if post else ""
    chosen = request.POST.get("step") if post else request.GET.get("step")
    editing = (
        get_visible_or_404(procedure.steps.all(), pk=chosen)
        if chosen and (action in ("step", *STEP_ACTIONS) or not post)
        else None
    )
    procedure_form = ProcedureForm(post if action == "procedure" else None, procedure=procedure)
    step_form = StepForm(post if action == "step" else None, step=editing)
    if post and action == "procedure" and procedure_form.is_valid():
        try:
            services.procedure_save(
                values=procedure_form.cleaned_data, procedure=procedure, by=request.user
            )
        except DomainError as exc:
            _refuse(procedure_form, exc)
        else:
            messages.success(request, _("The procedure is saved."))
            return redirect(here)
    elif post and action == "step" and step_form.is_valid():
        try:
            step = services.procedure_step_save(
                procedure=procedure, values=step_form.cleaned_data, step=editing, by=request.user
            )
        except DomainError as exc:
            _refuse(step_form, exc)
        else:
            messages.success(request, _("Step %(n)d is saved.") % {"n": step.position})
            return redirect(f"{here}#steps")
    elif post and action in STEP_ACTIONS and editing is not None:
        try:
            if action == "remove":
                services.procedure_step_remove(step=editing, by=request.user)
                messages.success(request, _("The step is removed."))
            else:
                services.procedure_step_move(step=editing, direction=action, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect(f"{here}#steps")
    return render(
        request,
        "desk/procedure_edit.html",
        {
            "procedure": procedure,
            "steps": steps,
            "editing": editing,
            "procedure_form": procedure_form,
            "step_form": step_form,
            "files": procedure.files.count(),
        },
        status=400 if post else 200,
    )
