"""Who sees the desks, who runs them, and whose appointments each person sees.

The catalogue (desks, services, free slots) is public. A desk is run by its agents
(`Role(kind="desk_agent", desk=...)`) and by the staff of its site; staff of another
site do not see its management pages (404). A startup's members see and cancel their
own appointments and rate them; nobody else outside the desk sees them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.desk.models import (
    Appointment,
    Case,
    Desk,
    DeskFile,
    FileStep,
    Procedure,
    Slot,
    WalkIn,
)


def _runs_desk(p: Principal, desk_id: int, site_id: int) -> bool:
    return p.is_network_admin or desk_id in p.desk_ids or p.works_at_site(site_id)


def _managed_q(p: Principal, prefix: str = "") -> Q:
    return Q(**{f"{prefix}pk__in": p.desk_ids}) | Q(**{f"{prefix}site_id__in": p.staff_site_ids})


def visible_desks(user) -> QuerySet[Desk]:
    return Desk.objects.filter(active=True).select_related("site")


def managed_desks(user) -> QuerySet[Desk]:
    """Desks whose day the user runs: an agent's own desks, the desks of a staff's sites."""
    p = principal(user)
    if p.is_network_admin:
        return Desk.objects.select_related("site")
    if not p.is_authenticated or not (p.desk_ids or p.staff_site_ids):
        return Desk.objects.none()
    return Desk.objects.filter(_managed_q(p)).select_related("site")


def visible_appointments(user) -> QuerySet[Appointment]:
    p = principal(user)
    qs = Appointment.objects.select_related("slot__desk__site", "service", "startup", "booked_by")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(Q(startup_id__in=p.startup_ids) | _managed_q(p, "slot__desk__"))


def visible_cases(user) -> QuerySet[Case]:
    p = principal(user)
    qs = Case.objects.select_related("desk__site", "startup")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(Q(startup_id__in=p.startup_ids) | _managed_q(p, "desk__"))


@rule("desk.view")
def _desk_view(p: Principal, desk: Desk) -> bool:
    return desk.active or _runs_desk(p, desk.pk, desk.site_id)


@rule("desk.manage")
def _desk_manage(p: Principal, desk: Desk) -> bool:
    return _runs_desk(p, desk.pk, desk.site_id)


@rule("desk.book")
def _desk_book(p: Principal, obj: Desk | Slot | None) -> bool:
    """Any startup member of the network books a desk of any site."""
    return bool(p.startup_ids)


@rule("desk.compare")
def _desk_compare(p: Principal, obj) -> bool:
    return p.is_staff


@rule("appointment.view")
def _appointment_view(p: Principal, a: Appointment) -> bool:
    return p.is_member_of(a.startup_id) or _runs_desk(p, a.slot.desk_id, a.slot.desk.site_id)


@rule("appointment.cancel")
def _appointment_cancel(p: Principal, a: Appointment) -> bool:
    return p.is_member_of(a.startup_id) or _runs_desk(p, a.slot.desk_id, a.slot.desk.site_id)


@rule("appointment.handle")
def _appointment_handle(p: Principal, a: Appointment) -> bool:
    return _runs_desk(p, a.slot.desk_id, a.slot.desk.site_id)


@rule("appointment.rate")
def _appointment_rate(p: Principal, a: Appointment) -> bool:
    return p.is_member_of(a.startup_id)


@rule("case.view")
def _case_view(p: Principal, case: Case) -> bool:
    return p.is_member_of(case.startup_id) or _runs_desk(p, case.desk_id, case.desk.site_id)


@rule("case.change")
def _case_change(p: Principal, case: Case) -> bool:
    return _runs_desk(p, case.desk_id, case.desk.site_id)


# --- Files across desks and walk-ins ---------------------------------------------------------
# A file is seen by its startup's members, the agents of any desk one of its steps is at,
# and the staff of its site. A step is moved by the agents of its desk and the site's staff.


def visible_files(user) -> QuerySet[DeskFile]:
    p = principal(user)
    qs = DeskFile.objects.select_related("procedure", "startup", "site")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    concerned = FileStep.objects.filter(desk_id__in=p.desk_ids).values("file_id")
    return qs.filter(
        Q(startup_id__in=p.startup_ids) | Q(site_id__in=p.staff_site_ids) | Q(pk__in=concerned)
    )


def _file_runner(p: Principal, f: DeskFile) -> bool:
    if p.is_network_admin or p.works_at_site(f.site_id):
        return True
    return bool(p.desk_ids) and f.steps.filter(desk_id__in=p.desk_ids).exists()


@rule("desk_file.view")
def _file_view(p: Principal, f: DeskFile) -> bool:
    return p.is_member_of(f.startup_id) or _file_runner(p, f)


@rule("desk_file.open")
def _file_open(p: Principal, obj) -> bool:
    """Members open their startup's files (the view passes the startup when it knows it)."""
    if obj is None:
        return bool(p.startup_ids)
    return p.is_member_of(obj.pk)


@rule("desk_file.upload")
def _file_upload(p: Principal, f: DeskFile) -> bool:
    return p.is_member_of(f.startup_id)


@rule("desk_file.note")
def _file_note(p: Principal, f: DeskFile) -> bool:
    return _file_runner(p, f)


@rule("desk_file.internal")
def _file_internal(p: Principal, f: DeskFile) -> bool:
    """Internal notes are for those who run the file, never its startup's members."""
    return _file_runner(p, f)


@rule("desk_file.move")
def _file_step_move(p: Principal, step: FileStep) -> bool:
    if p.is_network_admin or p.works_at_site(step.file.site_id):
        return True
    return step.desk_id is not None and step.desk_id in p.desk_ids


@rule("desk.walk_in")
def _walk_in(p: Principal, obj: Desk | WalkIn) -> bool:
    desk = obj.desk if isinstance(obj, WalkIn) else obj
    return _runs_desk(p, desk.pk, desk.site_id)


# --- Procedures ------------------------------------------------------------------------------
# A procedure belongs to the network, not to a site or a partner (the model names neither):
# everyone reads those offered; network administrators read them all and write them.


def visible_procedures(user) -> QuerySet[Procedure]:
    if principal(user).is_network_admin:
        return Procedure.objects.all()
    return Procedure.objects.filter(active=True)


@rule("procedure.view")
def _procedure_view(p: Principal, procedure: Procedure | None) -> bool:
    return procedure is None or procedure.active or p.is_network_admin


@rule("procedure.manage")
def _procedure_manage(p: Principal, procedure: Procedure | None) -> bool:
    """Write procedures and their steps: network administrators."""
    return p.is_network_admin
