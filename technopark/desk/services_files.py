"""Files across desks: a startup's procedure (company creation, CNSS affiliation, trademark
filing...) whose steps move from desk to desk.

A file is opened from a procedure staff defined; each step goes to the site's desk of the
step's kind (or to the site's staff when the site has none). Due dates follow the steps'
usual delays, chained from the day the file is opened; agents may change them. The
current step is the first one not done. The founders are told of each move in their
language (`desk.file_step`); the desks' day pages list the steps past their due date.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.errors import Conflict, DomainError
from technopark.core.uploads import DOCUMENTS, check_upload
from technopark.desk.models import (
    Desk,
    DeskFile,
    FileEvent,
    FilePiece,
    FileStep,
    Procedure,
)
from technopark.startups.models import Membership, Startup

MAX_PIECE_BYTES = 5 * 1024 * 1024
MOVES = ("start", "done", "block")

_SILENT = contextvars.ContextVar("desk_files_silent", default=False)


@contextmanager
def silent():
    """Tell nobody (seeding the demo writes history; nobody is waiting for news)."""
    token = _SILENT.set(True)
    try:
        yield
    finally:
        _SILENT.reset(token)


def _site_of(startup: Startup):
    enrollment = (
        startup.enrollments.filter(ended_on__isnull=True).order_by("-started_on").first()
        or startup.enrollments.order_by("-started_on").first()
    )
    return enrollment.site if enrollment else None


def current_step(file: DeskFile) -> FileStep | None:
    """The first step not done (None once every step is done)."""
    return file.steps.exclude(status=FileStep.Status.DONE).order_by("position").first()


def _notify_founders(file: DeskFile, step: FileStep, move: str, text: str = "") -> None:
    """Tell the startup's members, each in their language, that a step moved."""
    from technopark.notifications.services import notification_send

    if _SILENT.get():
        return
    members = [
        m.user
        for m in Membership.objects.filter(startup_id=file.startup_id, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]
    notification_send(
        to=members,
        kind="desk.file_step",
        context={
            "procedure": file.procedure,
            "step": step.step,
            "move": move,
            "text": text,
            "startup": file.startup.name,
        },
        url=reverse("desk:file_detail", args=[file.pk]),
    )


@transaction.atomic
def desk_file_open(*, procedure: Procedure, startup: Startup, by) -> DeskFile:
    """Open a file of `procedure` for `startup` at the site it is hosted by."""
    if not procedure.active:
        raise DomainError(_("This procedure is no longer offered."), field="procedure")
    steps = list(procedure.steps.order_by("position"))
    if not steps:
        raise DomainError(_("This procedure has no step yet."), field="procedure")
    site = _site_of(startup)
    if site is None:
        raise DomainError(
            _("%(startup)s is not followed by a site of the network.") % {"startup": startup.name},
            code="no_site",
            field="startup",
        )
    if DeskFile.objects.filter(
        procedure=procedure, startup=startup, status=DeskFile.Status.OPEN
    ).exists():
        raise Conflict(
            _("%(startup)s already has a file of this procedure in progress.")
            % {"startup": startup.name},
            code="already_open",
        )
    desks = {d.kind: d for d in Desk.objects.filter(site=site, active=True).order_by("-pk")}
    file = DeskFile.objects.create(procedure=procedure, startup=startup, site=site, opened_by=by)
    due = timezone.localdate()
    for step in steps:
        due += dt.timedelta(days=step.delay_days)
        FileStep.objects.create(
            file=file,
            step=step,
            position=step.position,
            desk=desks.get(step.desk_kind),
            due_on=due,
        )
    FileEvent.objects.create(file=file, kind=FileEvent.Kind.OPENED, by=by)
    record("desk_file.opened", file, by=by, startup=startup.pk, site=site.pk, payload={"procedure": procedure.code})  # fmt: skip
    return file


@transaction.atomic
def desk_file_piece_add(
    *, file: DeskFile, upload, label: str, step: FileStep | None = None, by
) -> FilePiece:
    """Upload a piece ahead: checked by its content, 5 MB at most."""
    if file.status != DeskFile.Status.OPEN:
        raise Conflict(_("This file is completed."), code="closed")
    if not label.strip():
        raise DomainError(_("Say which piece this is."), field="label")
    if step is not None and step.file_id != file.pk:
        raise DomainError(_("This step belongs to another file."), field="step")
    check_upload(upload, kinds=DOCUMENTS, max_bytes=MAX_PIECE_BYTES)
    piece = FilePiece.objects.create(
        file=file,
        step=step,
        label=label.strip()[:200],
        upload=upload,
        size=upload.size,
        uploaded_by=by,
    )
    FileEvent.objects.create(
        file=file, step=step, kind=FileEvent.Kind.PIECE, text=piece.label, by=by
    )
    record("desk_file.piece_added", piece, by=by, startup=file.startup_id, site=file.site_id, payload={"file": file.pk, "size": piece.size})  # fmt: skip
    return piece


@transaction.atomic
def desk_file_step_move(*, step: FileStep, move: str, reason: str = "", by) -> FileStep:
    """Start, finish or block the current step of a file; the founders are told."""
    step = (
        FileStep.objects.select_for_update(of=("self",))
        .select_related("file__procedure")
        .get(pk=step.pk)
    )
    file = DeskFile.objects.select_for_update().get(pk=step.file_id)
    if move not in MOVES:
        raise DomainError(_("Start, finish or block the step."), field="move")
    if file.status != DeskFile.Status.OPEN:
        raise Conflict(_("This file is completed."), code="closed")
    current = current_step(file)
    if current is None or current.pk != step.pk:
        raise Conflict(
            _("Only the current step of a file can move: finish the steps before it first."),
            code="not_current",
        )
    now = timezone.now()
    reason = reason.strip()
    if move == "start":
        if step.status == FileStep.Status.IN_PROGRESS:
            raise Conflict(_("This step is already in progress."), code="same")
        step.status = FileStep.Status.IN_PROGRESS
        step.started_at = step.started_at or now
        step.blocked_reason = ""
        kind = FileEvent.Kind.STARTED
    elif move == "block":
        if not reason:
            raise DomainError(_("Say why the step is blocked."), field="reason")
        step.status = FileStep.Status.BLOCKED
        step.blocked_reason = reason
        kind = FileEvent.Kind.BLOCKED
    else:
        step.status = FileStep.Status.DONE
        step.started_at = step.started_at or now
        step.done_at = now
        step.blocked_reason = ""
        kind = FileEvent.Kind.DONE
    step.save(update_fields=["status", "started_at", "done_at", "blocked_reason"])
    FileEvent.objects.create(file=file, step=step, kind=kind, text=reason, by=by)
    scope = {"by": by, "startup": file.startup_id, "site": file.site_id}
    if move == "done":
        record("desk_file.step_done", step, payload={"file": file.pk, "position": step.position}, **scope)  # fmt: skip
    else:
        record("desk_file.step_moved", step, payload={"file": file.pk, "move": move}, **scope)  # fmt: skip
    _notify_founders(file, step, move, reason)
    if move == "done" and current_step(file) is None:
        file.status = DeskFile.Status.CLOSED
        file.closed_at = now
        file.save(update_fields=["status", "closed_at"])
        FileEvent.objects.create(file=file, kind=FileEvent.Kind.CLOSED, by=by)
        record("desk_file.closed", file, payload={"procedure": file.procedure.code}, **scope)
    return step


@transaction.atomic
def desk_file_due_set(*, step: FileStep, due_on: dt.date, by) -> FileStep:
    step = FileStep.objects.select_for_update(of=("self",)).select_related("file").get(pk=step.pk)
    if step.status == FileStep.Status.DONE:
        raise Conflict(_("This step is done."), code="done")
    if due_on < timezone.localdate():
        raise DomainError(_("A due date cannot be in the past."), field="due_on")
    step.due_on = due_on
    step.save(update_fields=["due_on"])
    FileEvent.objects.create(
        file_id=step.file_id,
        step=step,
        kind=FileEvent.Kind.DUE,
        text=due_on.strftime("%d/%m/%Y"),
        by=by,
    )
    record("desk_file.due_set", step, by=by, startup=step.file.startup_id, site=step.file.site_id, payload={"due_on": due_on.isoformat()})  # fmt: skip
    return step


@transaction.atomic
def desk_file_note_add(
    *, file: DeskFile, text: str, internal: bool, step: FileStep | None = None, by
) -> FileEvent:
    """A note of an agent: internal (desks and staff only) or visible to the founders."""
    text = text.strip()
    if not text:
        raise DomainError(_("Write the note."), field="text")
    event = FileEvent.objects.create(
        file=file, step=step, kind=FileEvent.Kind.NOTE, text=text[:4000], internal=internal, by=by
    )
    record("desk_file.noted", file, by=by, startup=file.startup_id, site=file.site_id, payload={"internal": internal})  # fmt: skip
    return event


# --- Reads -------------------------------------------------------------------------------


def _is_current():
    before = FileStep.objects.filter(file=OuterRef("file"), position__lt=OuterRef("position"))
    return ~Exists(before.exclude(status=FileStep.Status.DONE))


def late_steps(desks: QuerySet[Desk], today: dt.date | None = None) -> QuerySet[FileStep]:
    """Current steps at these desks past their due date, the oldest due first."""
    today = today or timezone.localdate()
    return (
        FileStep.objects.filter(
            _is_current(),
            desk__in=desks,
            file__status=DeskFile.Status.OPEN,
            due_on__lt=today,
        )
        .exclude(status=FileStep.Status.DONE)
        .select_related("file__startup", "file__procedure", "step", "desk")
        .order_by("due_on", "pk")
    )


def steps_at(desks: QuerySet[Desk]) -> QuerySet[FileStep]:
    """Current steps of open files at these desks: what the desk has to move."""
    return (
        FileStep.objects.filter(_is_current(), desk__in=desks, file__status=DeskFile.Status.OPEN)
        .exclude(status=FileStep.Status.DONE)
        .select_related("file__startup", "file__procedure", "step", "desk")
        .order_by("due_on", "pk")
    )
