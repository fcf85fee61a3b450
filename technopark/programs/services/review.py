"""A selection committee a funder would accept: reviewers' conflicts of interest, the review
deadline and its reminders, asking the applicant for more information, and the decision
letters of a call."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from technopark.accounts.models import User
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import Conflict, DomainError
from technopark.core.formatting import join_list
from technopark.core.translated import name_of
from technopark.programs.models import (
    Answer,
    Application,
    ApplicationVersion,
    Call,
    ConflictDeclaration,
    DecisionLetter,
    InfoRequest,
    Question,
    RequiredDocument,
    ReviewAssignment,
    ReviewReminder,
)
from technopark.programs.services.notices import notify

# Reviewers are reminded this many days before the call's review deadline, then on the day.
REMINDER_DAYS_BEFORE = 3
LETTER_LANGUAGES = ("fr", "ar", "en")
PLACEHOLDERS = (
    "applicant",
    "startup",
    "call",
    "program",
    "site",
    "start_on",
    "reasons",
    "next_steps",
)
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


# --- Reviews still due ---------------------------------------------------------------


def missing_reviews(application: Application) -> list[ReviewAssignment]:
    """The assignments whose review is still due: not submitted, not withdrawn by a conflict."""
    return list(
        application.assignments.filter(submitted_at__isnull=True, withdrawn_at__isnull=True)
        .select_related("reviewer")
        .order_by("reviewer__full_name", "pk")
    )


class ReviewsMissing(Conflict):
    """A decision refused because reviews are still due; `missing` names the reviewers."""

    def __init__(self, missing: list[str]):
        super().__init__(
            _(
                "The reviews of %(names)s are not in yet: wait for them, or give the reason "
                "to decide without them."
            )
            % {"names": join_list(missing)},
            code="reviews_missing",
        )
        self.missing = missing


def reviews_must_be_in(application: Application, override_reason: str) -> None:
    missing = missing_reviews(application)
    if missing and not override_reason.strip():
        raise ReviewsMissing([a.reviewer.get_full_name() for a in missing])


# --- Conflicts of interest -------------------------------------------------------------


def declaration_of(application: Application, person) -> ConflictDeclaration | None:
    return ConflictDeclaration.objects.filter(application=application, person=person).first()


@transaction.atomic
@acts_for_by
def conflict_declare(
    *, application: Application, person: User, has_conflict: bool, note: str = "", by
) -> ConflictDeclaration:
    """An assigned reviewer says, before reading the application, whether they have a
    conflict of interest; a conflict withdraws them from its review."""
    assignment = (
        ReviewAssignment.objects.select_for_update()
        .filter(application=application, reviewer=person)
        .first()
    )
    if assignment is None:
        raise DomainError(
            _("Only a reviewer assigned to this application declares on it."), code="not_reviewer"
        )
    if ConflictDeclaration.objects.filter(application=application, person=person).exists():
        raise Conflict(_("You have already declared on this application."), code="declared")
    note = note.strip()
    if has_conflict and not note:
        raise DomainError(_("Say in a few words what the conflict of interest is."), field="note")
    if has_conflict and assignment.submitted_at is not None:
        raise DomainError(
            _("Your review is submitted: ask the program officer to withdraw it."), code="final"
        )
    declaration = ConflictDeclaration.objects.create(
        application=application, person=person, has_conflict=has_conflict, note=note
    )
    if has_conflict:
        assignment.withdrawn_at = timezone.now()
        assignment.save(update_fields=["withdrawn_at"])
    record("conflict.declared", application, by=by, site=application.call.site_id, payload={"person": person.pk, "has_conflict": has_conflict})  # fmt: skip
    return declaration


# --- The review deadline ---------------------------------------------------------------


def reviewer_load(call: Call, today: dt.date | None = None) -> list[dict]:
    """Each reviewer of the call: reviews assigned (not withdrawn), done, and late."""
    today = today or timezone.localdate()
    rows: dict[int, dict] = {}
    assignments = ReviewAssignment.objects.filter(
        application__call=call, withdrawn_at__isnull=True
    ).select_related("reviewer", "application")
    late_day = call.review_deadline is not None and today > call.review_deadline
    for a in assignments:
        row = rows.setdefault(
            a.reviewer_id, {"reviewer": a.reviewer, "assigned": 0, "done": 0, "late": 0}
        )
        row["assigned"] += 1
        if a.submitted_at:
            row["done"] += 1
        elif late_day and a.application.status in Application.UNDER_REVIEW:
            row["late"] += 1
    return sorted(rows.values(), key=lambda r: r["reviewer"].get_full_name())


def review_reminders_send(*, today: dt.date) -> int:
    """Remind each reviewer of the reviews they still owe, REMINDER_DAYS_BEFORE days before
    a call's review deadline and on the day: once each (recorded), whenever the job runs."""
    calls = Call.objects.filter(
        review_deadline__gte=today,
        review_deadline__lte=today + dt.timedelta(days=REMINDER_DAYS_BEFORE),
    )
    sent = 0
    for call in calls:
        kind = (
            ReviewReminder.Kind.DAY if call.review_deadline == today else ReviewReminder.Kind.BEFORE
        )
        due = (
            ReviewAssignment.objects.filter(
                application__call=call,
                application__status__in=Application.UNDER_REVIEW,
                submitted_at__isnull=True,
                withdrawn_at__isnull=True,
            )
            .exclude(reminders__kind=kind)
            .select_related("reviewer", "application")
        )
        by_reviewer: dict[User, list[ReviewAssignment]] = defaultdict(list)
        for assignment in due:
            by_reviewer[assignment.reviewer].append(assignment)
        for reviewer, assignments in by_reviewer.items():
            with transaction.atomic():
                try:
                    ReviewReminder.objects.bulk_create(
                        [
                            ReviewReminder(assignment=a, kind=kind, sent_on=today)
                            for a in assignments
                        ]
                    )
                except IntegrityError:  # another run got there first
                    continue
                notify(
                    to=reviewer,
                    kind="programs.review_reminder",
                    context={
                        "call": name_of(call, "title"),
                        "deadline": call.review_deadline,
                        "on_the_day": kind == ReviewReminder.Kind.DAY,
                        "projects": [a.application.project_name for a in assignments],
                    },
                    url=reverse("programs:applications"),
                )
            sent += 1
    return sent


# --- More information from the applicant -----------------------------------------------


def snapshot(
    application: Application, info_request: InfoRequest | None = None
) -> ApplicationVersion:
    """Keep what the applicant submitted: fields, answers and documents (their files), as
    they are now."""
    number = (application.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1  # fmt: skip
    fields = {
        "project_name": application.project_name,
        "summary": application.summary,
        "sector": application.sector,
        "city": application.city,
        "ice": application.ice,
        "founded_on": application.founded_on.isoformat() if application.founded_on else "",
        "team": application.team,
    }
    answers = [
        {
            "question": a.question_id,
            "label": a.question.label,
            "kind": a.question.kind,
            "value": a.value,
        }
        for a in application.answers.select_related("question").order_by("question__position")
    ]
    # Each document with a reference to its stored file: a later upload stores a new file
    # and keeps this one (`document_upload`), so every version's documents stay readable.
    documents = [
        {
            "document": d.required_document_id,
            "label": d.required_document.label,
            "name": d.original_name,
            "size": d.size,
            "uploaded_at": d.uploaded_at.isoformat(),
            "file": d.file.name,
            "content_type": d.content_type,
        }
        for d in application.documents.select_related("required_document")
    ]
    return ApplicationVersion.objects.create(
        application=application,
        number=number,
        submitted_at=application.submitted_at or timezone.now(),
        fields=fields,
        answers=answers,
        documents=documents,
        info_request=info_request,
    )


def kept_files(application: Application) -> set[str]:
    """The stored files the application's versions refer to (never deleted by an upload)."""
    return {
        entry["file"]
        for documents in application.versions.values_list("documents", flat=True)
        for entry in documents
        if entry.get("file")
    }


def version_document(version: ApplicationVersion, document: int) -> dict | None:
    """The entry of `version` for the required document `document`, if it kept its file."""
    return next(
        (e for e in version.documents if e.get("document") == document and e.get("file")), None
    )


def open_request(application: Application) -> InfoRequest | None:
    """The request the applicant still has to answer (read from the database)."""
    return InfoRequest.objects.filter(
        application_id=application.pk,
        application__status=Application.Status.MORE_INFO,
        answered_at__isnull=True,
    ).first()


@transaction.atomic
@acts_for_by
def info_request(
    *,
    application: Application,
    message: str,
    questions: list[Question],
    documents: list[RequiredDocument],
    by,
) -> InfoRequest:
    """Ask the applicant for named answers or documents: the application waits for them."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (Application.Status.SUBMITTED, Application.Status.INTERVIEW):
        raise DomainError(
            _("Only a submitted application, not yet decided, can be completed."), code="status"
        )
    message = message.strip()
    if not message:
        raise DomainError(_("Write the message to the applicant."), field="message")
    if not questions and not documents:
        raise DomainError(
            _("Choose at least one answer or document to ask for."), field="questions"
        )
    if any(q.call_id != application.call_id for q in questions) or any(
        d.call_id != application.call_id for d in documents
    ):
        raise DomainError(_("Ask only for the answers and documents of this call."))
    if not application.versions.exists():
        snapshot(application)  # the first submission, kept before it changes
    request = InfoRequest.objects.create(application=application, message=message, requested_by=by)
    request.questions.set(questions)
    request.documents.set(documents)
    application.status = Application.Status.MORE_INFO
    application.save(update_fields=["status", "updated_at"])
    record("application.more_info_requested", application, by=by, site=application.call.site_id, payload={"call": application.call_id, "questions": [q.pk for q in questions], "documents": [d.pk for d in documents]})  # fmt: skip
    notify(
        to=application.applicant,
        kind="programs.more_info_requested",
        context={
            "project": application.project_name,
            "call": name_of(application.call, "title"),
            "message": message,
            "items": [q.label for q in questions] + [d.label for d in documents],
        },
        url=reverse("programs:application", args=[application.pk]),
        by=by,
    )
    return request


@transaction.atomic
@acts_for_by
def info_answers_save(*, application: Application, answers: dict[int, str], by) -> InfoRequest:
    """Save the answers asked for (and only those)."""
    from technopark.programs.services.applications import _clean_answer

    request = open_request(application)
    if request is None:
        raise DomainError(_("No information is asked of this application."), code="status")
    asked = {q.pk: q for q in request.questions.all()}
    for question_id, raw in answers.items():
        question = asked.get(question_id)
        if question is None:
            raise DomainError(_("Only the answers asked can change."), code="not_asked")
        Answer.objects.update_or_create(
            application=application,
            question=question,
            defaults={"value": _clean_answer(question, raw)},
        )
    return request


@transaction.atomic
@acts_for_by
def application_resubmit(*, application: Application, by) -> Application:
    """Send back the completed application: a new version is kept and the staff told."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    request = open_request(application)
    if request is None:
        raise DomainError(_("No information is asked of this application."), code="status")
    answers = {a.question_id: a.value for a in application.answers.all()}
    uploads = {d.required_document_id: d for d in application.documents.all()}
    problems = [
        _("Answer the question “%(q)s”.") % {"q": q.label}
        for q in request.questions.all()
        if not answers.get(q.pk)
    ] + [
        _("Upload the document “%(d)s” again.") % {"d": d.label}
        for d in request.documents.all()
        if d.pk not in uploads or uploads[d.pk].uploaded_at < request.requested_at
    ]
    if problems:
        raise DomainError(" ".join(problems), code="incomplete")
    request.answered_at = timezone.now()
    request.save(update_fields=["answered_at"])
    application.status = (
        Application.Status.INTERVIEW if application.interview_at else Application.Status.SUBMITTED
    )
    application.submitted_at = request.answered_at
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    version = snapshot(application, request)
    record("application.resubmitted", application, by=by, site=application.call.site_id, payload={"call": application.call_id, "version": version.number})  # fmt: skip
    staff = [request.requested_by] if request.requested_by else []
    staff += [
        a.reviewer
        for a in application.assignments.filter(withdrawn_at__isnull=True).select_related(
            "reviewer"
        )
    ]
    notify(
        to=staff,
        kind="programs.resubmitted",
        context={
            "project": application.project_name,
            "call": name_of(application.call, "title"),
            "version": version.number,
        },
        url=reverse("programs:application", args=[application.pk]),
        by=by,
    )
    return application


# --- Decision letters ------------------------------------------------------------------


def letter_default(decision: str, language: str) -> tuple[str, str]:
    """The letter used when the staff wrote none, in `language` (the decision e-mail's own
    sentences, with the committee's reasons and next steps)."""
    tokens = {
        "project": "{startup}",
        "program": "{program}",
        "site": "{site}",
        "day": "{start_on}",
        "call": "{call}",
    }
    with override(language):
        subject = _("Decision on your application to %(call)s") % tokens
        if decision == Application.Status.ADMITTED:
            sentence = _(
                "Congratulations: “%(project)s” is admitted to %(program)s at %(site)s, from "
                "%(day)s. Your program officer will contact you to build your accompaniment plan."
            )
        elif decision == Application.Status.WAITLISTED:
            sentence = _(
                "“%(project)s” is on the waiting list of %(program)s at %(site)s. We will write "
                "to you as soon as a place opens."
            )
        else:
            sentence = _(
                "After study by the selection committee, “%(project)s” is not admitted to "
                "%(program)s this time. Thank you for your application; you may apply to future "
                "calls."
            )
        greeting = _("Dear %(name)s,") % {"name": "{applicant}"}
        signature = _("The selection committee")
    body = "\n\n".join([greeting, sentence % tokens, "{reasons}", "{next_steps}", str(signature)])
    return str(subject), body


def letter_template(call: Call, decision: str, language: str) -> tuple[str, str, bool]:
    """(subject, body, written): the staff's letter, or the default one."""
    letter = DecisionLetter.objects.filter(call=call, decision=decision, language=language).first()
    if letter is not None:
        return letter.subject, letter.body, True
    return (*letter_default(decision, language), False)


def letter_language(application: Application) -> str:
    language = (application.applicant.language or settings.LANGUAGE_CODE)[:2]
    return language if language in LETTER_LANGUAGES else "fr"


def _fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def letter_render(
    application: Application, language: str | None = None, start_on: dt.date | None = None
) -> tuple[str, str]:
    """The decision letter of an application, filled in, in the applicant's language."""
    language = language or letter_language(application)
    subject, body, _written = letter_template(application.call, application.status, language)
    day = start_on or application.decided_on or timezone.localdate()
    if application.enrollment_id:
        day = application.enrollment.started_on
    with override(language):
        values = {
            "applicant": application.applicant.get_full_name(),
            "startup": application.startup.name
            if application.startup
            else application.project_name,
            "call": name_of(application.call, "title"),
            "program": name_of(application.call.program),
            "site": name_of(application.call.site),
            "start_on": day.strftime("%d/%m/%Y"),
            "reasons": application.decision_reasons,
            "next_steps": application.decision_next_steps,
        }
    body = re.sub(r"\n{3,}", "\n\n", _fill(body, values)).strip()
    return _fill(subject, values), body


@transaction.atomic
@acts_for_by
def letter_save(
    *, call: Call, decision: str, language: str, subject: str, body: str, by
) -> DecisionLetter:
    if decision not in Application.DECISIONS:
        raise DomainError(_("Choose admitted, waiting list or declined."), field="decision")
    if language not in LETTER_LANGUAGES:
        raise DomainError(_("Choose French, Arabic or English."), field="language")
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise DomainError(_("Write the letter's subject and text."), field="body")
    unknown = sorted({m for m in PLACEHOLDER_RE.findall(subject + body) if m not in PLACEHOLDERS})
    if unknown:
        raise DomainError(
            _("Unknown placeholders: %(list)s. Use %(known)s.")
            % {
                "list": ", ".join("{" + u + "}" for u in unknown),
                "known": ", ".join("{" + p + "}" for p in PLACEHOLDERS),
            },
            field="body",
        )
    letter, _created = DecisionLetter.objects.update_or_create(
        call=call,
        decision=decision,
        language=language,
        defaults={"subject": subject, "body": body, "updated_by": by},
    )
    record("decision_letter.changed", call, by=by, site=call.site_id, payload={"decision": decision, "language": language})  # fmt: skip
    return letter


def bulk_preview(applications: list[Application], decision: str) -> tuple[list, list]:
    """Who would receive which letter (language), and who cannot be decided yet (why)."""
    ready, refused = [], []
    for application in applications:
        missing = missing_reviews(application)
        if application.status not in Application.UNDER_REVIEW + (Application.Status.WAITLISTED,):
            refused.append((application, application.get_status_display()))
        elif missing:
            refused.append(
                (
                    application,
                    _("Reviews missing: %(names)s")
                    % {"names": join_list(a.reviewer.get_full_name() for a in missing)},
                )
            )
        else:
            ready.append((application, letter_language(application)))
    return ready, refused


def applications_filter(qs, *, call: int | None = None, status: str = ""):
    q = Q()
    if call:
        q &= Q(call_id=call)
    if status:
        q &= Q(status=status)
    return qs.filter(q)
