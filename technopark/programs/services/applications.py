"""Applying to a call: the account made on the way, drafts, documents, eligibility, submission."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.services import one_time_login_link, user_upsert
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.core.formatting import join_list
from technopark.core.signed import load_signed
from technopark.core.translated import name_of
from technopark.programs.models import (
    Answer,
    Application,
    ApplicationDocument,
    ApplicationVersion,
    Call,
    Question,
    RequiredDocument,
    ReviewAssignment,
)
from technopark.programs.services.notices import notify
from technopark.programs.services.review import kept_files, open_request, snapshot

# The first bytes of the formats we accept, checked on the content, not the file name.
SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}
EDITABLE_FIELDS = ("project_name", "summary", "sector", "city", "region", "founded_on", "ice")
EMAIL_RE = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")


def _must_be_open(call: Call) -> None:
    today = timezone.localdate()
    if not call.is_open_on(today):
        raise DomainError(
            _("This call is closed: applications were accepted until %(day)s.")
            % {"day": call.closes_on.strftime("%d/%m/%Y")}
            if call.is_published and today > call.closes_on
            else _("This call is not open for applications."),
            code="call_closed",
        )


# An outsider's request to apply: the e-mail's link is signed (Django's signing,
# SECRET_KEY) and expires; nothing is stored until it is followed.
APPLY_CONFIRM_MAX_AGE = 3 * 24 * 3600  # the e-mail says three days
APPLY_CONFIRM_SALT = "programs.apply-confirm"


@dataclass(frozen=True)
class ApplyRequest:
    """An outsider's request to apply, carried by the signed link: the call, the address
    and the language of the messages (nothing else they typed travels in the e-mail)."""

    call_id: int
    email: str
    language: str


def _applicant_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL_RE.fullmatch(email):
        raise DomainError(_("Enter a valid e-mail address."), field="email")
    return email


def application_request(*, call: Call, email: str, language: str = "fr") -> None:
    """An outsider asks to apply. Nothing is created: the address gets one e-mail, the same
    kind whether or not it has an account, with no text the visitor typed — for a new
    address a signed link to a page where the person gives their name and project and
    starts (`application_request_open`, then `application_start`), for an address with an
    account a link to sign in and continue. The visitor is told the same either way."""
    _must_be_open(call)
    email = _applicant_email(email)
    if language not in dict(settings.LANGUAGES):
        language = "fr"
    account = User.objects.filter(email__iexact=email).first()
    if account is not None:
        language = account.language or language
        url = (
            reverse("account_login")
            + "?"
            + urlencode({"next": reverse("programs:apply", args=[call.pk])})
        )
    else:
        token = signing.dumps([call.pk, email, language], salt=APPLY_CONFIRM_SALT)
        url = reverse("programs:apply_confirm", args=[call.pk, token])
    notify(
        to=email,
        kind="programs.application_confirm",
        context={
            "call": name_of(call, "title"),
            "closes_on": call.closes_on,
            "has_account": account is not None,
        },
        url=url,
        language=language,
    )


def application_request_open(*, call: Call, token: str) -> ApplyRequest:
    """The request a link names; DomainError when it is forged, expired or for another call."""
    data = load_signed(
        token,
        salt=APPLY_CONFIRM_SALT,
        max_age=APPLY_CONFIRM_MAX_AGE,
        expired=_("This link has expired: fill in the form again."),
        invalid=_("This link is not valid."),
    )
    request = ApplyRequest(*data)
    if request.call_id != call.pk:
        raise DomainError(_("This link is not valid."), code="bad_token")
    return request


@transaction.atomic
def application_start(
    *,
    call: Call,
    user: User | None = None,
    email: str = "",
    full_name: str = "",
    language: str = "fr",
    project_name: str = "",
) -> tuple[Application, User, bool]:
    """Start (or resume) the user's application; anonymous applicants get a new account.

    Returns the application, the user, and whether the account was created. An e-mail
    that already has an account must log in first: we never act for an existing account.
    """
    _must_be_open(call)
    created = False
    if user is None:
        email = _applicant_email(email)
        if not full_name.strip():
            raise DomainError(_("Enter your full name."), field="full_name")
        if User.objects.filter(email__iexact=email).exists():
            raise DomainError(
                _("An account already uses %(email)s: log in to apply with it.") % {"email": email},
                code="account_exists",
                field="email",
            )
        if language not in dict(settings.LANGUAGES):
            language = "fr"
        user, created = user_upsert(email=email, full_name=full_name.strip(), language=language)
    application, new = Application.objects.get_or_create(
        call=call,
        applicant=user,
        defaults={"project_name": project_name.strip() or user.get_full_name()},
    )
    if created:
        notify(
            to=user,
            kind="programs.application_started",
            context={
                "call": name_of(call, "title"),
                "closes_on": call.closes_on,
                "login_link": one_time_login_link(user),
            },
            url=reverse("programs:application", args=[application.pk]),
            by=user,
        )
    return application, user, created


def _clean_answer(question: Question, raw: str) -> str:
    value = (raw or "").strip()
    if not value:
        return ""
    if question.kind == Question.Kind.NUMBER:
        try:
            Decimal(value.replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise DomainError(
                _("“%(q)s”: enter a number.") % {"q": question.label}, field=f"q_{question.pk}"
            ) from None
        return value.replace(" ", "").replace(",", ".")
    if question.kind == Question.Kind.CHOICE and value not in question.choice_list:
        raise DomainError(
            _("“%(q)s”: pick one of the proposed choices.") % {"q": question.label},
            field=f"q_{question.pk}",
        )
    if question.kind == Question.Kind.YESNO and value not in ("yes", "no"):
        raise DomainError(_("“%(q)s”: answer yes or no.") % {"q": question.label})
    if question.kind == Question.Kind.SHORT and len(value) > 300:
        raise DomainError(
            _("“%(q)s”: 300 characters at most.") % {"q": question.label},
            field=f"q_{question.pk}",
        )
    return value


def _must_be_draft(application: Application) -> None:
    if not application.is_editable:
        raise DomainError(
            _("This application was submitted and can no longer change."), code="submitted"
        )


@transaction.atomic
@acts_for_by
def application_save(
    *, application: Application, data: dict, answers: dict[int, str], by
) -> Application:
    """Save a draft as it is: nothing is required yet, but what is given must be valid."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _must_be_draft(application)
    _must_be_open(application.call)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(application, field, data[field] if data[field] is not None else None)
    if "team" in data:
        application.team = data["team"] or ""
    if application.ice and not re.fullmatch(r"\d{15}", application.ice):
        raise DomainError(_("The ICE is exactly 15 digits."), field="ice")
    if application.founded_on and application.founded_on > timezone.localdate():
        raise DomainError(_("The founding date cannot be in the future."), field="founded_on")
    if not (application.project_name or "").strip():
        raise DomainError(_("Give the project a name."), field="project_name")
    application.save()
    questions = {q.pk: q for q in application.call.questions.all()}
    for question_id, raw in answers.items():
        question = questions.get(question_id)
        if question is None:
            continue
        Answer.objects.update_or_create(
            application=application,
            question=question,
            defaults={"value": _clean_answer(question, raw)},
        )
    return application


@transaction.atomic
@acts_for_by
def document_upload(
    *, application: Application, required_document: RequiredDocument, upload: UploadedFile, by
) -> ApplicationDocument:
    request = open_request(application)
    if request is None or not request.documents.filter(pk=required_document.pk).exists():
        _must_be_draft(application)  # else: a document the staff asked for again
    if required_document.call_id != application.call_id:
        raise DomainError(_("This document is not asked by this call."))
    limit = settings.TECHNOPARK_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise DomainError(
            _("“%(name)s” is too large: %(limit)d MB at most.")
            % {"name": upload.name, "limit": limit // (1024 * 1024)},
            code="too_large",
            field=f"doc_{required_document.pk}",
        )
    head = upload.read(16)
    upload.seek(0)
    kind = next((v for sig, v in SIGNATURES.items() if head.startswith(sig)), None)
    if kind is None:
        raise DomainError(
            _("“%(name)s” is not a PDF, JPEG or PNG file.") % {"name": upload.name},
            code="file_type",
            field=f"doc_{required_document.pk}",
        )
    existing = ApplicationDocument.objects.filter(
        application=application, required_document=required_document
    ).first()
    if existing:
        # A file a submitted version refers to stays: the staff read each version as sent.
        if existing.file and existing.file.name not in kept_files(application):
            existing.file.delete(save=False)
        document = existing
    else:
        document = ApplicationDocument(application=application, required_document=required_document)
    document.content_type, suffix = kind
    document.original_name = upload.name[:200]
    document.size = upload.size
    document.file.save(f"upload.{suffix}", upload, save=False)
    document.save()
    return document


def _age_in_years(founded_on: dt.date, today: dt.date) -> int:
    years = today.year - founded_on.year
    if (today.month, today.day) < (founded_on.month, founded_on.day):
        years -= 1
    return years


def application_problems(application: Application, today: dt.date | None = None) -> list[str]:
    """What still stops this application from being submitted, in words the applicant reads."""
    today = today or timezone.localdate()
    call = application.call
    problems = []
    answers = {a.question_id: a.value for a in application.answers.all()}
    for question in call.questions.all():
        if question.required and not answers.get(question.pk):
            problems.append(_("Answer the question “%(q)s”.") % {"q": question.label})
    uploaded = {d.required_document_id for d in application.documents.all()}
    for document in call.documents.all():
        if document.required and document.pk not in uploaded:
            problems.append(_("Upload the document “%(d)s”.") % {"d": document.label})
    if not application.summary.strip():
        problems.append(_("Describe the project in a few lines."))
    if call.max_company_age_years is not None and application.founded_on:
        age = _age_in_years(application.founded_on, today)
        if age > call.max_company_age_years:
            problems.append(
                _(
                    "This call is for companies at most %(max)d years old; yours is %(age)d "
                    "years old."
                )
                % {"max": call.max_company_age_years, "age": age}
            )
    allowed = list(call.allowed_regions.all())
    if allowed:
        if application.region_id is None:
            problems.append(_("Say in which region the project is based."))
        elif application.region_id not in {r.pk for r in allowed}:
            problems.append(
                _("This call is open to projects based in: %(regions)s.")
                % {"regions": join_list(r.name for r in allowed)}
            )
    for line in application.team.splitlines():
        if line.strip() and not EMAIL_RE.search(line):
            problems.append(
                _("Co-founder line “%(line)s” has no e-mail address.") % {"line": line.strip()}
            )
    return problems


def team_members(application: Application) -> list[tuple[str, str]]:
    """The co-founders listed in the application, one per line: (name, lower-case e-mail)
    for each line that holds an address."""
    people = []
    for line in application.team.splitlines():
        match = EMAIL_RE.search(line)
        if match:
            name = line.replace(match.group(0), "").strip(" ,;<>\t")
            people.append((name, match.group(0).lower()))
    return people


@transaction.atomic
@acts_for_by
def application_submit(*, application: Application, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    _must_be_draft(application)
    _must_be_open(application.call)
    problems = application_problems(application)
    if problems:
        raise DomainError(" ".join(problems), code="incomplete")
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    snapshot(application)
    record("application.submitted", application, by=by, site=application.call.site_id, payload={"call": application.call_id})  # fmt: skip
    notify(
        to=application.applicant,
        kind="programs.application_received",
        context={
            "project": application.project_name,
            "call": name_of(application.call, "title"),
            "closes_on": application.call.closes_on,
        },
        url=reverse("programs:application", args=[application.pk]),
        by=by,
    )
    return application


@transaction.atomic
@acts_for_by
def application_withdraw(*, application: Application, by) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (
        Application.Status.DRAFT,
        Application.Status.SUBMITTED,
        Application.Status.MORE_INFO,
    ):
        raise DomainError(_("This application can no longer be withdrawn."), code="decided")
    was = application.status
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    record("application.withdrawn", application, by=by, site=application.call.site_id, payload={"call": application.call_id, "was": was})  # fmt: skip
    return application


# What an application says about people (the model's PERSONAL_TEXT), blanked when a declined
# application is kept past its retention period (law 09-08).
APPLICATION_PERSONAL_TEXT = Application.PERSONAL_TEXT


@transaction.atomic
@acts_for_by
def applications_anonymise_declined(*, decided_before: dt.date, by=None) -> int:
    """Blank the personal data of applications declined before `decided_before`: their
    free text, the answers, the reviewers' comments and the uploaded documents (deleted)."""
    old = Application.objects.filter(
        status=Application.Status.DECLINED, decided_on__lt=decided_before
    )
    still_personal = Q()
    for name in APPLICATION_PERSONAL_TEXT:
        still_personal |= ~Q(**{name: ""})
    rows = list(old.filter(still_personal).select_related("call"))
    todo = [application.pk for application in rows]
    if not todo:
        return 0
    Answer.objects.filter(application_id__in=todo).update(value="")
    ReviewAssignment.objects.filter(application_id__in=todo).update(comment="")
    documents = ApplicationDocument.objects.filter(application_id__in=todo)
    storage = ApplicationDocument._meta.get_field("file").storage
    stored = {d.file.name for d in documents if d.file}
    versions = ApplicationVersion.objects.filter(application_id__in=todo)
    for kept in versions.values_list("documents", flat=True):
        stored.update(e["file"] for e in kept if e.get("file"))
    for name in stored:
        storage.delete(name)
    documents.update(file="", original_name="")
    # The versions kept what was submitted: their text and files go the same way.
    versions.update(fields={}, answers=[], documents=[])
    Application.objects.filter(pk__in=todo).update(
        **{name: "" for name in APPLICATION_PERSONAL_TEXT}
    )
    for application in rows:
        record(
            "application.anonymised",
            application,
            by=by,
            site=application.call.site_id,
            label=f"#{application.pk}",
            payload={"call": application.call_id, "decided_before": decided_before},
        )
    return len(todo)
