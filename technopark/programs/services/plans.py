"""A startup's path through the programs, and its accompaniment plan."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.permissions import principal
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.bulk import Counts, Record, upsert
from technopark.core.errors import DomainError
from technopark.core.uploads import DOCUMENTS, check_upload
from technopark.programs.models import (
    CoachingSession,
    Enrollment,
    Milestone,
    MilestoneTemplate,
    Plan,
    Program,
)
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
    record(
        "enrollment.advanced",
        following,
        by=by,
        payload={
            "previous": enrollment.pk,
            "from_program": enrollment.program_id,
            "program": program.pk,
            "on": on,
        },  # fmt: skip
    )
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
    record(
        "enrollment.exited",
        enrollment,
        by=by,
        payload={"program": enrollment.program_id, "outcome": outcome, "on": on},
    )
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
    record(
        "plan.updated",
        plan,
        by=by,
        payload={"needs": plan.needs, "officer": officer.pk if officer else None},
        **_plan_scope(plan),
    )
    return plan


def _plan_scope(plan: Plan) -> dict:
    return {"startup": plan.startup_id, "site": plan.enrollment.site_id if plan.enrollment_id else None}  # fmt: skip


@transaction.atomic
@acts_for_by
def milestone_add(*, plan: Plan, title: str, due_on: dt.date, by) -> Milestone:
    if not title.strip():
        raise DomainError(_("Name the milestone."), field="title")
    if due_on < plan.enrollment.started_on:
        raise DomainError(_("The due date is before the enrollment started."), field="due_on")
    milestone = Milestone.objects.create(plan=plan, title=title.strip(), due_on=due_on)
    record("milestone.added", milestone, by=by, payload={"plan": plan.pk, "due_on": due_on}, **_plan_scope(plan))  # fmt: skip
    return milestone


@transaction.atomic
@acts_for_by
def milestone_set_status(
    *, milestone: Milestone, status: str, on: dt.date | None = None, by
) -> Milestone:
    if status not in Milestone.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    milestone.status = status
    finished = status in (Milestone.Status.DONE, Milestone.Status.VALIDATED)
    milestone.done_on = (on or milestone.done_on or timezone.localdate()) if finished else None
    milestone.save(update_fields=["status", "done_on"])
    plan = milestone.plan
    record("milestone.status_changed", milestone, by=by, payload={"plan": plan.pk, "status": status, "done_on": milestone.done_on}, **_plan_scope(plan))  # fmt: skip
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
    session = CoachingSession.objects.create(
        plan=plan,
        held_on=held_on,
        minutes=minutes,
        topics=topics.strip(),
        next_steps=next_steps.strip(),
        coach=by,
    )
    record(
        "coaching_session.logged",
        session,
        by=by,
        label=f"{plan.startup} {held_on:%d/%m/%Y}",
        payload={"plan": plan.pk, "held_on": held_on, "minutes": minutes},
        **_plan_scope(plan),
    )
    return session


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


# --- Milestone templates, and the startup's own milestones ---------------------------------


def _template_fields(values: dict) -> dict:
    title = (values.get("title") or "").strip()
    if not title:
        raise DomainError(_("Give the milestone a title in French."), field="title")
    try:
        offset = int(values.get("offset_days") or 0)
        duration = int(values.get("duration_days") or 0)
    except (TypeError, ValueError):
        raise DomainError(
            _("Give the offset and the duration in days."), field="offset_days"
        ) from None
    if not 0 <= offset <= 2000:
        raise DomainError(
            _("The start is 0 to 2,000 days after the enrollment's start."), field="offset_days"
        )
    if not 1 <= duration <= 1000:
        raise DomainError(_("A milestone lasts 1 to 1,000 days."), field="duration_days")
    fields = {"title": title, "offset_days": offset, "duration_days": duration}
    for name in (
        "title_ar",
        "title_en",
        "description",
        "description_ar",
        "description_en",
        "evidence",
        "evidence_ar",
        "evidence_en",
    ):
        fields[name] = (values.get(name) or "").strip()
    return fields


@transaction.atomic
@acts_for_by
def milestone_template_save(
    *, program: Program, values: dict, template: MilestoneTemplate | None = None, by
) -> MilestoneTemplate:
    """Create a template of `program`, or change `template` (its milestones already applied
    keep their dates: a template only gives the dates when it is applied)."""
    fields = _template_fields(values)
    created = template is None
    if template is None:
        template = MilestoneTemplate.objects.create(program=program, **fields)
    else:
        if template.program_id != program.pk:
            raise DomainError(_("This template belongs to another program."))
        for name, value in fields.items():
            setattr(template, name, value)
        template.save()
    record("milestone_template.saved", template, by=by, payload={"program": program.pk, "created": created})  # fmt: skip
    return template


@transaction.atomic
@acts_for_by
def milestone_template_delete(*, template: MilestoneTemplate, by) -> None:
    """The milestones already applied stay in the plans (without their template)."""
    record("milestone_template.deleted", template, by=by, payload={"program": template.program_id})  # fmt: skip
    template.delete()


def _apply(templates: list[MilestoneTemplate], enrollment: Enrollment, by) -> int:
    plan = plan_for(enrollment=enrollment)
    have = set(plan.milestones.filter(template__isnull=False).values_list("template_id", flat=True))
    made = 0
    for template in templates:
        if template.pk in have:
            continue
        starts = enrollment.started_on + dt.timedelta(days=template.offset_days)
        milestone = Milestone.objects.create(
            plan=plan,
            template=template,
            title=template.title_fr[:200],
            description=template.description_fr,
            starts_on=starts,
            due_on=starts + dt.timedelta(days=template.duration_days),
        )
        record("milestone.added", milestone, by=by, payload={"plan": plan.pk, "due_on": milestone.due_on, "template": template.pk}, **_plan_scope(plan))  # fmt: skip
        made += 1
    return made


@transaction.atomic
@acts_for_by
def milestone_templates_apply(
    *,
    program: Program,
    enrollments: list[Enrollment] | None = None,
    site_id: int | None = None,
    by,
) -> int:
    """Add the program's templates to the plan of each enrollment (one, or the current
    cohort: the program's current enrollments, at one site or all), dated from each
    enrollment's start. A template already applied to a plan is never added twice.
    Returns the number of milestones added."""
    templates = list(program.milestone_templates.all())
    if not templates:
        raise DomainError(_("This program has no milestone template yet."), code="no_template")
    if enrollments is None:
        cohort = program.enrollments.filter(ended_on__isnull=True).select_related("startup")
        if site_id is not None:
            cohort = cohort.filter(site_id=site_id)
        enrollments = list(cohort)
    made = 0
    for enrollment in enrollments:
        if enrollment.program_id != program.pk:
            raise DomainError(_("This enrollment is in another program."), code="other_program")
        _must_be_current(enrollment)
        made += _apply(templates, enrollment, by)
    return made


def _members(plan: Plan) -> list[User]:
    return [
        m.user for m in plan.startup.memberships.select_related("user").filter(user__is_active=True)
    ]


def _followers(plan: Plan) -> list[User]:
    """Who hears of a milestone submitted: the plan's officer, else the program's officers
    at the site (or the partner's staff for a partner's program)."""
    if plan.officer_id and plan.officer.is_active:
        return [plan.officer]
    e = plan.enrollment
    q = Q(pk__in=[])
    if e.program.direct:
        q = Q(roles__kind="program_officer", roles__site_id=e.site_id)
    if e.program.operator_id:
        q |= Q(roles__kind="partner_officer", roles__operator_id=e.program.operator_id)
    return list(User.objects.filter(q, is_active=True).distinct())


def _milestone_context(milestone: Milestone) -> dict:
    return {
        "startup": milestone.plan.startup.name,
        "milestone": milestone,
        "status": milestone.status,
        "comment": milestone.comment,
        "review_comment": milestone.review_comment,
    }


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(link)
    except ValidationError as exc:
        raise DomainError(
            _("Give a link starting with https://."), code="bad_link", field="link"
        ) from exc
    return link


@transaction.atomic
@acts_for_by
def milestone_submit(
    *,
    milestone: Milestone,
    status: str,
    comment: str = "",
    link: str = "",
    file=None,
    by,
) -> Milestone:
    """The startup marks its milestone in progress, or done with evidence (a file, type
    checked by its content, or a link) and a comment; done, it waits for the officer."""
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if not principal(by).is_member_of(milestone.plan.startup_id):
        raise DomainError(_("Only the startup's team updates its milestones."), code="forbidden")
    if status not in Milestone.FOUNDER:
        raise DomainError(_("Mark the milestone in progress or done."), field="status")
    if milestone.status in (Milestone.Status.VALIDATED, Milestone.Status.DROPPED):
        raise DomainError(_("This milestone is closed: it cannot change any more."), code="closed")
    link = _check_link(link)
    if file is not None:
        check_upload(file, kinds=DOCUMENTS)
    if status == Milestone.Status.DONE and not (file or link or milestone.has_evidence):
        raise DomainError(_("Send a file or a link showing the milestone is done."), field="file")
    comment = (comment or "").strip()
    if file is not None:
        if milestone.evidence_file:
            milestone.evidence_file.delete(save=False)
        milestone.evidence_name = PurePath(file.name).name[-200:]
        milestone.evidence_file.save(milestone.evidence_name, file, save=False)
    if link:
        milestone.evidence_link = link
    if comment:
        milestone.comment = comment
    milestone.status = status
    milestone.done_on = timezone.localdate() if status == Milestone.Status.DONE else None
    milestone.submitted_at = timezone.now()
    milestone.submitted_by = by
    milestone.save()
    payload = {"status": status, "file": file is not None, "link": bool(link)}
    plan = milestone.plan
    record("milestone.submitted", milestone, by=by, startup=plan.startup_id, site=plan.enrollment.site_id, payload=payload)  # fmt: skip
    if status == Milestone.Status.DONE:
        notify(
            to=_followers(milestone.plan),
            kind="programs.milestone_submitted",
            context=_milestone_context(milestone),
            url=reverse("programs:plan", args=[milestone.plan_id]),
            by=by,
        )
    return milestone


@transaction.atomic
@acts_for_by
def milestone_review(*, milestone: Milestone, validate: bool, comment: str = "", by) -> Milestone:
    """The officer validates a milestone marked done, or sends it back with a comment."""
    milestone = (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("plan__enrollment__program", "plan__startup")
        .get(pk=milestone.pk)
    )
    p = principal(by)
    if p.is_member_of(milestone.plan.startup_id):
        raise DomainError(
            _("A startup's team does not validate its own milestones."), code="forbidden"
        )
    plan = milestone.plan
    if not (
        (p.is_authenticated and plan.officer_id == p.user_id)
        or runs_program(p, plan.enrollment.program, plan.enrollment.site_id)
    ):
        raise DomainError(_("Only the program's officers review milestones."), code="forbidden")
    comment = (comment or "").strip()
    if not validate and not comment:
        raise DomainError(_("Say what is missing before sending it back."), field="comment")
    if milestone.status not in (Milestone.Status.DONE, Milestone.Status.IN_PROGRESS):
        raise DomainError(
            _("Only a milestone the startup has worked on can be reviewed."), code="bad_state"
        )
    milestone.status = Milestone.Status.VALIDATED if validate else Milestone.Status.SENT_BACK
    milestone.done_on = (milestone.done_on or timezone.localdate()) if validate else None
    milestone.review_comment = comment
    milestone.reviewed_at = timezone.now()
    milestone.reviewed_by = by
    milestone.save()
    scope = {"startup": plan.startup_id, "site": plan.enrollment.site_id}
    if validate:
        record("milestone.validated", milestone, by=by, payload={"plan": plan.pk}, **scope)
    else:
        record("milestone.sent_back", milestone, by=by, payload={"plan": plan.pk}, **scope)
    notify(
        to=_members(plan),
        kind="programs.milestone_validated" if validate else "programs.milestone_sent_back",
        context=_milestone_context(milestone),
        url=reverse("programs:plan", args=[plan.pk]),
        by=by,
    )
    return milestone
