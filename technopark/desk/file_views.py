"""Pages of the files across desks (a founder's procedures, the desks' moves) and walk-ins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, principal, require
from technopark.core.errors import DomainError
from technopark.core.uploads import serve_private
from technopark.desk import services_files as services
from technopark.desk.file_forms import (
    DueForm,
    FileOpenForm,
    NoteForm,
    PieceForm,
    StepMoveForm,
    WalkInForm,
)
from technopark.desk.models import DeskFile, FileStep
from technopark.desk.permissions import managed_desks, visible_files, visible_procedures
from technopark.desk.services_walk_ins import walk_in_record
from technopark.startups.models import Startup


def procedures(request: HttpRequest) -> HttpResponse:
    """The procedures the guichet unique follows, step by step (public; the network's
    administrators also see those no longer offered, and write them)."""
    rows = visible_procedures(request.user).prefetch_related("steps").order_by("name")
    return render(
        request,
        "desk/procedures.html",
        {"procedures": rows, "can_manage": can(request.user, "procedure.manage")},
    )


def _open_form(request, data=None) -> FileOpenForm | None:
    p = principal(request.user)
    if not p.startup_ids:
        return None
    startups = Startup.objects.filter(pk__in=p.startup_ids).order_by("name")
    return FileOpenForm(data, startups=startups)


@login_required
def file_list(request: HttpRequest) -> HttpResponse:
    """A founder's files, or the files at an agent's desks; members open one from here."""
    p = principal(request.user)
    desks = managed_desks(request.user)
    if not (p.startup_ids or p.desk_ids or p.staff_site_ids or p.is_network_admin):
        raise Http404
    form = _open_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            startup = form.cleaned_data["startup"]
            require(request.user, "desk_file.open", startup)
            try:
                file = services.desk_file_open(
                    procedure=form.cleaned_data["procedure"], startup=startup, by=request.user
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Your file is open: upload the pieces ahead."))
                return redirect("desk:file_detail", pk=file.pk)
    status = request.GET.get("status") or "open"
    rows = visible_files(request.user).prefetch_related("steps__step", "steps__desk")
    if status in DeskFile.Status.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "desk/file_list.html",
        {
            "files": rows.order_by("-opened_at")[:200],
            "form": form,
            "status": status,
            "waiting": list(services.steps_at(desks)[:100]) if p.desk_ids or p.is_staff else [],
        },
        status=400 if request.method == "POST" else 200,
    )


def _detail_context(request, file: DeskFile, **forms) -> dict:
    user = request.user
    steps = list(file.steps.select_related("step", "desk").order_by("position"))
    current = next((s for s in steps if s.status != FileStep.Status.DONE), None)
    sees_internal = can(user, "desk_file.internal", file)
    events = file.events.select_related("step__step", "by")
    if not sees_internal:
        events = events.filter(internal=False)
    return {
        "file": file,
        "steps": steps,
        "current": current,
        "can_move": current is not None and can(user, "desk_file.move", current),
        "move_form": forms.get("move_form") or StepMoveForm(step=current),
        "due_form": forms.get("due_form")
        or DueForm(initial={"due_on": current.due_on if current else None}),
        "can_upload": file.status == DeskFile.Status.OPEN and can(user, "desk_file.upload", file),
        "piece_form": forms.get("piece_form") or PieceForm(file=file),
        "pieces": file.pieces.select_related("step__step", "uploaded_by"),
        "can_note": can(user, "desk_file.note", file),
        "note_form": forms.get("note_form") or NoteForm(),
        "events": events[:100],
        "sees_internal": sees_internal,
    }


@login_required
def file_detail(request: HttpRequest, pk: int) -> HttpResponse:
    file = get_visible_or_404(visible_files(request.user), pk=pk)
    return render(request, "desk/file_detail.html", _detail_context(request, file))


@login_required
@require_POST
def file_piece_add(request: HttpRequest, pk: int) -> HttpResponse:
    file = get_visible_or_404(visible_files(request.user), pk=pk)
    require(request.user, "desk_file.upload", file, view_perm="desk_file.view")
    form = PieceForm(request.POST, request.FILES, file=file)
    if form.is_valid():
        try:
            services.desk_file_piece_add(
                file=file,
                upload=form.cleaned_data["upload"],
                label=form.cleaned_data["label"],
                step=form.cleaned_data["step"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The piece was uploaded."))
            return redirect("desk:file_detail", pk=file.pk)
    return render(
        request,
        "desk/file_detail.html",
        _detail_context(request, file, piece_form=form),
        status=400,
    )


@login_required
def file_piece(request: HttpRequest, pk: int, piece: int) -> HttpResponse:
    file = get_visible_or_404(visible_files(request.user), pk=pk)
    require(request.user, "desk_file.view", file)
    found = get_visible_or_404(file.pieces.all(), pk=piece)
    return serve_private(request, found.upload)


@login_required
@require_POST
def file_step_move(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_visible_or_404(
        FileStep.objects.filter(file__in=visible_files(request.user)).select_related("file"),
        pk=pk,
    )
    require(request.user, "desk_file.move", step)
    if "due_on" in request.POST:
        form = DueForm(request.POST)
        if form.is_valid():
            try:
                services.desk_file_due_set(
                    step=step, due_on=form.cleaned_data["due_on"], by=request.user
                )
                messages.success(request, _("The due date was changed."))
            except DomainError as exc:
                messages.error(request, exc.message)
        else:
            messages.error(request, _("Give a valid date."))
        return redirect("desk:file_detail", pk=step.file_id)
    form = StepMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Start, finish or block the step."))
    else:
        try:
            services.desk_file_step_move(
                step=step,
                move=form.cleaned_data["move"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
            messages.success(request, _("The step was updated; the founders were told."))
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("desk:file_detail", pk=step.file_id)


@login_required
@require_POST
def file_note(request: HttpRequest, pk: int) -> HttpResponse:
    file = get_visible_or_404(visible_files(request.user), pk=pk)
    require(request.user, "desk_file.note", file, view_perm="desk_file.view")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.desk_file_note_add(
                file=file,
                text=form.cleaned_data["text"],
                internal=form.cleaned_data["internal"],
                by=request.user,
            )
            messages.success(request, _("The note was added."))
            return redirect("desk:file_detail", pk=file.pk)
        except DomainError as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "desk/file_detail.html",
        _detail_context(request, file, note_form=form),
        status=400,
    )


@login_required
@require_POST
def walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    desk = get_visible_or_404(managed_desks(request.user), pk=pk)
    require(request.user, "desk.walk_in", desk)
    form = WalkInForm(request.POST, desk=desk)
    if not form.is_valid():
        messages.error(request, _("Give the startup's or the visitor's name."))
    else:
        try:
            walk_in_record(desk=desk, by=request.user, **form.cleaned_data)
            messages.success(request, _("The walk-in was recorded."))
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("desk:manage", pk=desk.pk)
