"""A startup's path through the programs, and its accompaniment plan."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.permissions import principal
from technopark.core.audit import acts_for_by
from technopark.core.bulk import Counts, Record, upsert
from technopark.core.errors import DomainError
from technopark.programs.models import CoachingSession, Enrollment, Milestone, Plan, Program
from technopark.programs.permissions import runs_program
from technopark.programs.selectors import alerts_by_officer
from technopark.programs.services.notices import notify

# The path a startup follows; acceleration is the last step.
PATH = [Program.Kind.PRE_INCUBATION, Program.Kind.INCUBATION, Program.Kind.ACCELERATION]


def plan_for(*, enrollment: Enrollment, officer: User | None = None) -> Plan:
    """The startup's plan, created on its first enrollment and moved along with it."""
    plan, created = Plan.objects.get_or_create(
        startup=enrollment.startup, defaults={"enrollment": enrollment, "officer": officer}
    )
    if not created and plan.enrollment_id != enrollment.pk:
        plan.enrollment = enrollment
        if officer is not None and plan.officer_id is None:
            plan.officer = officer
        plan.save(update_fields=["enrollment", "officer"])
    return plan


def _must_be_current(enrollment: Enrollment) -> None:
    if enrollment.ended_on is not None:
        raise DomainError(_("This enrollment has already ended."), code="ended")


def _check_end(enrollment: Enrollment, on: dt.date) -> None:
    if on <= enrollment.started_on:
        raise DomainError(
            _("The end date must be after the start (%(day)s).")
            % {"day": enrollment.started_on.strftime("%d/%m/%Y")},
            field="on",
        )
    if on > timezone.localdate():
        raise DomainError(_("The end date cannot be in the future."), field="on")


@transaction.atomic
@acts_for_by
def enrollment_advance(*, enrollment: Enrollment, program: Program, on: dt.date, by) -> Enrollment:
    """Graduate from the current step and start the next one at the same site."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    _must_be_current(enrollment)
    _check_end(enrollment, on)
    current = enrollment.program.kind
    if current not in PATH or program.kind not in PATH:
        raise DomainError(_("Only pre-incubation, incubation and acceleration follow each other."))
    if PATH.index(program.kind) <= PATH.index(current):
        raise DomainError(
            _("%(program)s is not a step after %(current)s.")
            % {"program": program.name, "current": enrollment.program.get_kind_display()},
            field="program",
        )
    enrollment.ended_on = on
    enrollment.outcome = Enrollment.Outcome.GRADUATED
    enrollment.save(update_fields=["ended_on", "outcome"])
    following = Enrollment.objects.create(
        startup=enrollment.startup, program=program, site=enrollment.site, started_on=on
    )
    plan_for(enrollment=following)
    return following


@transaction.atomic
@acts_for_by
def enrollment_exit(
    *, enrollment: Enrollment, outcome: str, on: dt.date, reason: str = "", by
) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    _must_be_current(enrollment)
    _check_end(enrollment, on)
    if outcome not in Enrollment.Outcome.values:
        raise DomainError(_("Choose graduated or discontinued."), field="outcome")
    if outcome == Enrollment.Outcome.DISCONTINUED and not reason.strip():
        raise DomainError(_("Say why the startup discontinued."), field="reason")
    enrollment.ended_on = on
    enrollment.outcome = outcome
    enrollment.exit_reason = reason.strip()
    enrollment.save(update_fields=["ended_on", "outcome", "exit_reason"])
    return enrollment


@transaction.atomic
@acts_for_by
def plan_update(*, plan: Plan, needs: list[str], diagnostic: str, officer: User | None, by) -> Plan:
    unknown = set(needs) - set(Plan.Need.values)
    if unknown:
        raise DomainError(_("Unknown need."), field="needs")
    if officer is not None and not runs_program(
        principal(officer), plan.enrollment.program, plan.enrollment.site_id
    ):
        raise DomainError(
            _("%(who)s is not an officer of this program at this site.")
            % {"who": officer.get_full_name()},
            field="officer",
        )
    plan.needs = [n for n in Plan.Need.values if n in needs]
    plan.diagnostic = diagnostic
    plan.officer = officer
    plan.save(update_fields=["needs", "diagnostic", "officer"])
    return plan


@transaction.atomic
@acts_for_by
def milestone_add(*, plan: Plan, title: str, due_on: dt.date, by) -> Milestone:
    if not title.strip():
        raise DomainError(_("Name the milestone."), field="title")
    if due_on < plan.enrollment.started_on:
        raise DomainError(_("The due date is before the enrollment started."), field="due_on")
    return Milestone.objects.create(plan=plan, title=title.strip(), due_on=due_on)


@transaction.atomic
@acts_for_by
def milestone_set_status(
    *, milestone: Milestone, status: str, on: dt.date | None = None, by
) -> Milestone:
    if status not in Milestone.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    milestone.status = status
    milestone.done_on = (on or timezone.localdate()) if status == Milestone.Status.DONE else None
    milestone.save(update_fields=["status", "done_on"])
    return milestone


@transaction.atomic
def session_log(
    *,
    plan: Plan,
    held_on: dt.date,
    minutes: int,
    topics: str,
    next_steps: str = "",
    by,
) -> CoachingSession:
    if held_on > timezone.localdate():
        raise DomainError(_("Log sessions once they are held."), field="held_on")
    if not 0 < minutes <= 600:
        raise DomainError(_("A session lasts between 1 and 600 minutes."), field="minutes")
    if not topics.strip():
        raise DomainError(_("Say what the session was about."), field="topics")
    return CoachingSession.objects.create(
        plan=plan,
        held_on=held_on,
        minutes=minutes,
        topics=topics.strip(),
        next_steps=next_steps.strip(),
        coach=by,
    )


@transaction.atomic
@acts_for_by
def enrollments_bulk_create(*, rows: list[Enrollment], by=None) -> list[Enrollment]:
    """The bulk path (the demo): save these unsaved enrollments, in batches (bulk rows
    send no signals, so auditlog records no entry for them)."""
    return Enrollment.objects.bulk_create(rows, batch_size=2000)


@acts_for_by
def enrollments_bulk_upsert(
    *, records: list[Record], counts: Counts, empty: bool, by=None
) -> list[int]:
    """Enrollments of the import keyed by (startup, program, started_on) (see core/bulk.py);
    the keys of the enrollments created are not read back (None)."""
    key = ("startup_id", "program_id", "started_on")
    return upsert(Enrollment, key, records, counts, empty=empty, returning=False).pks


@acts_for_by
def plan_alerts_send(*, today: dt.date, by=None) -> int:
    """Tell each program officer the late milestones and silent startups they follow (daily)."""
    sent = 0
    for officer, alerts in alerts_by_officer(today).items():
        notify(
            to=officer,
            kind="programs.plan_alerts",
            context={
                "late": [
                    {"startup": m.plan.startup.name, "milestone": m.title, "due_on": m.due_on}
                    for m in alerts.late
                ],
                "silent": [
                    {"startup": plan.startup.name, "since": last} for plan, last in alerts.silent
                ],
            },
            url=reverse("programs:alerts"),
            by=by,
        )
        sent += 1
    return sent
