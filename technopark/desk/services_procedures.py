"""The procedures the guichet unique follows (company creation, CNSS affiliation, trademark
filing...), written by the network's administrators: a procedure's names in French, Arabic
and English, and its ordered steps, each at a kind of desk with its pieces and usual delay.

Procedures belong to the network, not to a site (`Procedure` names no site nor partner):
every site's desks follow the same ones, so only network administrators change them
(`procedure.manage`). A file already open keeps its steps, their order and due dates (it
copied them when it was opened); a step a file went through cannot be removed.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.desk.models import Desk, FileStep, Procedure, ProcedureStep

MAX_DELAY_DAYS = 365


def _text(values: dict, name: str) -> str:
    return str(values.get(name) or "").strip()


@transaction.atomic
@acts_for_by
def procedure_save(*, values: dict, procedure: Procedure | None = None, by) -> Procedure:
    """Create a procedure, or change `procedure`: its code (unique), names and description,
    and whether founders may open a file of it (`active`)."""
    code = slugify(_text(values, "code"))[:40]
    name = _text(values, "name_fr")
    if not name:
        raise DomainError(_("Give the procedure's name in French."), field="name_fr")
    if not code:
        raise DomainError(_("Give the procedure a code (letters, digits, dashes)."), field="code")
    taken = Procedure.objects.filter(code=code)
    if procedure is not None:
        taken = taken.exclude(pk=procedure.pk)
    if taken.exists():
        raise DomainError(
            _("The code “%(code)s” is another procedure's.") % {"code": code}, field="code"
        )
    created = procedure is None
    if created:
        procedure = Procedure()
    procedure.code = code
    procedure.name = name[:200]
    procedure.name_ar = _text(values, "name_ar")[:200]
    procedure.name_en = _text(values, "name_en")[:200]
    procedure.description = _text(values, "description")
    procedure.active = bool(values.get("active", True))
    try:
        with transaction.atomic():
            procedure.save()
    except IntegrityError:  # the same code written at the same moment
        raise DomainError(
            _("The code “%(code)s” is another procedure's.") % {"code": code}, field="code"
        ) from None
    record("procedure.created" if created else "procedure.changed", procedure, by=by, payload={"code": procedure.code, "active": procedure.active})  # fmt: skip
    return procedure


def _step_values(values: dict) -> dict:
    name = _text(values, "name_fr")
    if not name:
        raise DomainError(_("Give the step's name in French."), field="name_fr")
    kind = _text(values, "desk_kind")
    if kind not in Desk.Kind.values:
        raise DomainError(_("Choose the desk where this step happens."), field="desk_kind")
    try:
        delay = int(values.get("delay_days"))
    except (TypeError, ValueError):
        delay = -1
    if not 0 <= delay <= MAX_DELAY_DAYS:
        raise DomainError(
            _("The usual delay is a number of days, from 0 to %(max)d.") % {"max": MAX_DELAY_DAYS},
            field="delay_days",
        )
    return {
        "name": name[:200],
        "name_ar": _text(values, "name_ar")[:200],
        "name_en": _text(values, "name_en")[:200],
        "desk_kind": kind,
        "place": _text(values, "place")[:120],
        "delay_days": delay,
        "pieces_fr": _text(values, "pieces_fr"),
        "pieces_ar": _text(values, "pieces_ar"),
        "pieces_en": _text(values, "pieces_en"),
    }


@transaction.atomic
@acts_for_by
def procedure_step_save(
    *, procedure: Procedure, values: dict, step: ProcedureStep | None = None, by
) -> ProcedureStep:
    """Add a step at the end of `procedure`, or change `step`: its names, desk, place,
    usual delay (days) and the pieces it needs (one a line, in each language)."""
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    fields = _step_values(values)
    created = step is None
    if created:
        last = procedure.steps.aggregate(last=Max("position"))["last"] or 0
        step = ProcedureStep(procedure=procedure, position=last + 1)
    elif step.procedure_id != procedure.pk:
        raise DomainError(_("This step belongs to another procedure."), code="other_procedure")
    for name, value in fields.items():
        setattr(step, name, value)
    step.save()
    record("procedure.step_added" if created else "procedure.step_changed", procedure, by=by, payload={"step": step.pk, "position": step.position})  # fmt: skip
    return step


def _renumber(procedure: Procedure, order: list[int]) -> None:
    """Give the steps (ids, in `order`) the positions 1, 2, ... (through positions past the
    last, so the unique order holds at every write)."""
    offset = (procedure.steps.aggregate(last=Max("position"))["last"] or 0) + 1
    for i, pk in enumerate(order):
        ProcedureStep.objects.filter(pk=pk).update(position=offset + i)
    for i, pk in enumerate(order, start=1):
        ProcedureStep.objects.filter(pk=pk).update(position=i)


@transaction.atomic
@acts_for_by
def procedure_step_move(*, step: ProcedureStep, direction: str, by) -> ProcedureStep:
    """Move a step one place earlier (`up`) or later (`down`); files already open keep
    their own order."""
    if direction not in ("up", "down"):
        raise DomainError(_("Move the step up or down."), field="direction")
    procedure = Procedure.objects.select_for_update().get(pk=step.procedure_id)
    order = list(procedure.steps.order_by("position").values_list("pk", flat=True))
    i = order.index(step.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(order):
        raise DomainError(
            _("This step is already the first.")
            if direction == "up"
            else _("This step is already the last."),
            code="edge",
        )
    order[i], order[j] = order[j], order[i]
    _renumber(procedure, order)
    record("procedure.steps_reordered", procedure, by=by, payload={"steps": order})
    step.refresh_from_db()
    return step


@transaction.atomic
@acts_for_by
def procedure_step_remove(*, step: ProcedureStep, by) -> None:
    """Remove a step no file went through; the steps after it move up."""
    procedure = Procedure.objects.select_for_update().get(pk=step.procedure_id)
    if FileStep.objects.filter(step_id=step.pk).exists():
        raise DomainError(
            _(
                "Files of this procedure went through this step: it stays. Change it, or "
                "stop offering the procedure and write a new one."
            ),
            code="in_use",
        )
    removed = step.pk
    step.delete()
    _renumber(procedure, list(procedure.steps.order_by("position").values_list("pk", flat=True)))
    record("procedure.step_removed", procedure, by=by, payload={"step": removed})
