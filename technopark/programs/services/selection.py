"""Selection: reviewers, blind scoring, interviews, and the committee's decision.

Admission turns an application into the records the bilan counts: the startup (new, or
the existing one found by ICE or chosen), its team's accounts and its enrollment.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from technopark.accounts.models import User
from technopark.accounts.permissions import principal
from technopark.accounts.services import user_upsert
from technopark.core import ical
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.core.formatting import join_list
from technopark.core.translated import name_of
from technopark.programs.ical import INTERVIEW_MINUTES, interview_invitation
from technopark.programs.models import Application, Enrollment, ReviewAssignment, Score
from technopark.programs.notifications import is_quiet
from technopark.programs.permissions import runs_call
from technopark.programs.services.applications import team_members
from technopark.programs.services.notices import notify
from technopark.programs.services.plans import plan_for
from technopark.programs.services.review import letter_render, reviews_must_be_in
from technopark.startups.models import Startup
from technopark.startups.services import member_add, member_set, startup_create

REVIEWABLE = Application.UNDER_REVIEW
# Reviewers may go on scoring while the applicant is asked for more information.
SCORABLE = REVIEWABLE + (Application.Status.MORE_INFO,)
# The committee decides on an application under review, or takes one off the waiting list.
DECIDABLE = REVIEWABLE + (Application.Status.WAITLISTED,)


def may_review(user: User, application: Application) -> bool:
    """Officers and partner staff who run the call, and the network's experts."""
    p = principal(user)
    return user.pk != application.applicant_id and (p.is_expert or runs_call(p, application.call))


@transaction.atomic
@acts_for_by
def reviewer_assign(*, application: Application, reviewer: User, by) -> ReviewAssignment:
    if application.status not in REVIEWABLE:
        raise DomainError(_("Only submitted applications are reviewed."), code="status")
    if not application.call.criteria.exists():
        raise DomainError(_("The call has no evaluation grid yet."), code="no_criteria")
    if not may_review(reviewer, application):
        raise DomainError(
            _(
                "%(who)s cannot review this application: choose an officer of the program, a "
                "partner's staff or an expert."
            )
            % {"who": reviewer.get_full_name()},
            field="reviewer",
        )
    assignment, created = ReviewAssignment.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    if not created:
        raise Conflict(_("This reviewer is already assigned."), code="already_assigned")
    record("reviewer.assigned", application, by=by, site=application.call.site_id, payload={"assignment": assignment.pk, "reviewer": reviewer.pk})  # fmt: skip
    notify(
        to=reviewer,
        kind="programs.review_assigned",
        context={
            "project": application.project_name,
            "call": name_of(application.call, "title"),
            "site": name_of(application.call.site),
        },
        url=reverse("programs:review", args=[application.pk]),
        by=by,
    )
    return assignment


@transaction.atomic
@acts_for_by
def review_save(
    *, assignment: ReviewAssignment, scores: dict[int, int], comment: str = "", submit: bool, by
) -> ReviewAssignment:
    """Save a reviewer's scores; once submitted they are final and the others' become visible."""
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.submitted_at is not None:
        raise DomainError(_("Your review is submitted and can no longer change."), code="final")
    if assignment.withdrawn_at is not None:
        raise DomainError(
            _("You declared a conflict of interest: you no longer review this application."),
            code="conflict",
        )
    if assignment.application.status not in SCORABLE:
        raise DomainError(_("This application is no longer under review."), code="status")
    criteria = {c.pk: c for c in assignment.application.call.criteria.all()}
    for criterion_id, value in scores.items():
        if criterion_id not in criteria:
            raise DomainError(_("Unknown criterion."))
        if value is None:
            continue
        if not 1 <= int(value) <= 5:
            raise DomainError(
                _("“%(c)s”: score from 1 to 5.") % {"c": criteria[criterion_id].label},
                field=f"c_{criterion_id}",
            )
        Score.objects.update_or_create(
            assignment=assignment, criterion_id=criterion_id, defaults={"value": int(value)}
        )
    assignment.comment = comment
    if submit:
        scored = set(assignment.scores.values_list("criterion_id", flat=True))
        missing = [c.label for pk, c in criteria.items() if pk not in scored]
        if missing:
            raise DomainError(
                _("Score every criterion before submitting: %(list)s.")
                % {"list": join_list(missing)},
                code="incomplete",
            )
        assignment.submitted_at = timezone.now()
    assignment.save()
    if submit:
        record("review.submitted", assignment.application, by=by, site=assignment.application.call.site_id, payload={"assignment": assignment.pk})  # fmt: skip
    return assignment


@transaction.atomic
@acts_for_by
def interview_schedule(
    *, application: Application, at: dt.datetime | None, notes: str = "", by
) -> Application:
    """Set the interview, or move it: the applicant and co-founders get the invitation."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in REVIEWABLE + (Application.Status.WAITLISTED,):
        raise DomainError(_("Only applications under review get an interview."), code="status")
    if at is None:
        raise DomainError(_("Give the interview's date and time."), field="at")
    if application.interview_at is None:
        kind = "programs.interview_scheduled"
        application.interview_uid = uuid.uuid4()  # a new calendar entry
        application.interview_sequence = 0
    elif application.interview_at != at:
        kind = "programs.interview_moved"
        application.interview_sequence += 1
    else:
        kind = None  # only the notes changed: nothing the applicant sees
    application.interview_at = at
    application.interview_notes = notes
    application.status = Application.Status.INTERVIEW
    application.save(
        update_fields=[
            "interview_at",
            "interview_notes",
            "interview_uid",
            "interview_sequence",
            "status",
        ]
    )
    if kind:
        _notify_interview(application, kind, ical.REQUEST, by=by)
        name = "interview.scheduled" if kind.endswith("scheduled") else "interview.moved"
        record(name, application, by=by, site=application.call.site_id, payload={"at": at.isoformat()})  # fmt: skip
    return application


@transaction.atomic
@acts_for_by
def interview_cancel(*, application: Application, by) -> Application:
    """Call off the interview: the invitation is withdrawn from the interviewees' calendars."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.interview_at is None:
        raise DomainError(_("No interview is planned for this application."), code="no_interview")
    application.interview_sequence += 1
    _notify_interview(application, "programs.interview_cancelled", ical.CANCEL, by=by)
    application.interview_at = None
    if application.status == Application.Status.INTERVIEW:
        application.status = Application.Status.SUBMITTED
    application.save(update_fields=["interview_at", "interview_sequence", "status"])
    record("interview.cancelled", application, by=by, site=application.call.site_id, payload={})  # fmt: skip
    return application


def _interviewees(application: Application) -> list:
    """The applicant and the co-founders listed in the application (an account when they
    have one, else their e-mail address)."""
    team = [email for _name, email in team_members(application)]
    accounts = {u.email.lower(): u for u in User.objects.filter(email__in=team, is_active=True)}
    return [application.applicant] + [accounts.get(email, email) for email in team]


def _notify_interview(application: Application, kind: str, method: str, *, by) -> None:
    people = _interviewees(application)
    addresses = [p if isinstance(p, str) else p.email for p in people]
    language = application.applicant.language or settings.LANGUAGE_CODE
    with override(language):  # the calendar entry's title, in the applicant's language
        invitation = interview_invitation(application, [a for a in addresses if a], method)
    starts = timezone.localtime(application.interview_at).replace(tzinfo=None)
    notify(
        to=people,
        kind=kind,
        context={
            "project": application.project_name,
            "call": name_of(application.call, "title"),
            "site": name_of(application.call.site),
            "starts": starts,
            "ends": starts + dt.timedelta(minutes=INTERVIEW_MINUTES),
        },
        url=reverse("programs:application", args=[application.pk]),
        attachments=[invitation],
        language=language,  # for the co-founders without an account
        by=by,
    )


def _new_ref(application: Application) -> str:
    prefix = f"S{application.call.site_id:03d}-"
    n = Startup.objects.filter(ref__startswith=prefix).count() + 1
    while Startup.objects.filter(ref=f"{prefix}{n:05d}").exists():
        n += 1
    return f"{prefix}{n:05d}"


def _admit(application: Application, start_on: dt.date, startup: Startup | None, by) -> Enrollment:
    if startup is None and application.ice:
        startup = Startup.objects.filter(ice=application.ice).first()
    if startup is None:
        startup = startup_create(
            by=by,
            ref=_new_ref(application),
            name=application.project_name,
            ice=application.ice or None,
            founded_on=application.founded_on,
            sector=application.sector,
            city=application.city,
            region=application.region,
            email=application.applicant.email,
            description=application.summary,
        )
    if Enrollment.objects.filter(
        startup=startup, program=application.call.program, ended_on__isnull=True
    ).exists():
        raise Conflict(
            _("%(startup)s is already enrolled in %(program)s.")
            % {"startup": startup.name, "program": application.call.program.name},
            code="already_enrolled",
        )
    member_set(startup=startup, user=application.applicant, founder=True, by=by)
    for name, email in team_members(application):
        user, _created = user_upsert(
            email=email, full_name=name, language=application.applicant.language
        )
        member_add(startup=startup, user=user, founder=True, by=by)
    enrollment = Enrollment.objects.create(
        startup=startup,
        program=application.call.program,
        site=application.call.site,
        started_on=start_on,
    )
    application.startup = startup
    application.enrollment = enrollment
    officer = (
        by
        if runs_call(principal(by), application.call) and not principal(by).is_network_admin
        else None
    )
    plan_for(enrollment=enrollment, officer=officer)
    return enrollment


@transaction.atomic
def application_decide(
    *,
    application: Application,
    decision: str,
    note: str = "",
    start_on: dt.date | None = None,
    startup: Startup | None = None,
    by,
    reasons: str = "",
    override_reason: str = "",
    next_steps: str = "",
) -> Application:
    """The committee's decision; admission creates the startup, its team and its enrollment.

    It waits for the reviews of every assigned reviewer who declared no conflict
    (`ReviewsMissing`, code "reviews_missing", naming them), unless `override_reason` says
    why the committee decides without them (kept on the application). The applicant gets the
    call's letter for the decision, in their language, with `reasons` and `next_steps`.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    if decision not in Application.DECISIONS:
        raise DomainError(_("Choose admitted, waiting list or declined."), field="decision")
    if application.status not in DECIDABLE:
        raise DomainError(
            _("This application is %(status)s: the committee cannot decide on it.")
            % {"status": application.get_status_display()},
            code="status",
        )
    reviews_must_be_in(application, override_reason)
    today = timezone.localdate()
    if decision == Application.Status.ADMITTED:
        _admit(application, start_on or today, startup, by)
    application.status = decision
    application.decided_on = today
    application.decision_note = note
    application.decision_reasons = reasons.strip()
    application.decision_next_steps = next_steps.strip()
    application.override_reason = override_reason.strip()
    application.save()
    record("application.decided", application, by=by, site=application.call.site_id, payload={"call": application.call_id, "decision": decision, "override": bool(application.override_reason)})  # fmt: skip
    letter_subject, letter = letter_render(application, start_on=start_on or today)
    # The letter as a PDF, in the applicant's language (not drawn while the demo is quiet).
    from technopark.programs.letter_pdf import letter_attachment  # it reads the services

    attachments = [] if is_quiet() else [letter_attachment(application, start_on or today)]
    notify(
        to=application.applicant,
        kind="programs.decision",
        context={
            "decision": decision,
            "project": application.project_name,
            "call": name_of(application.call, "title"),
            "program": name_of(application.call.program),
            "site": name_of(application.call.site),
            "start_on": start_on or today,
            "letter_subject": letter_subject,
            "letter": letter,
            "letter_pdf": bool(attachments),
        },
        url=reverse("programs:application", args=[application.pk]),
        attachments=attachments,
        by=by,
    )
    return application
