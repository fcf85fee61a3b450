"""Writes of the document vault: uploads (new and replacing versions), requests to
startups and their answers, and the daily reminders (docs/documents.md)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core import clock
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.core.uploads import DOCUMENTS, check_upload
from technopark.documents.models import Document, DocumentRequest, DocumentType
from technopark.documents.types import TYPES
from technopark.notifications.services import notification_send
from technopark.startups.models import Startup

MESSAGE_MAX = 2000


@transaction.atomic
def document_types_ensure() -> int:
    """The standard document types (documents/types.py), made when missing; how many made."""
    made = 0
    for position, (code, fr, ar, en, months) in enumerate(TYPES):
        _type, created = DocumentType.objects.get_or_create(
            code=code,
            defaults={
                "name": fr,
                "name_ar": ar,
                "name_en": en,
                "validity_months": months,
                "position": position,
            },
        )
        made += created
    return made


def members_of(startup_id: int) -> list:
    from technopark.accounts.models import User

    return list(
        User.objects.filter(memberships__startup_id=startup_id, is_active=True).order_by("pk")
    )


def _vault_url(startup: Startup) -> str:
    return reverse("documents:vault", args=[startup.ref])


def _request_url(req: DocumentRequest) -> str:
    return reverse("documents:request", args=[req.pk])


def _check_dates(issued_on: dt.date | None, expires_on: dt.date | None) -> None:
    if issued_on and issued_on > clock.today():
        raise DomainError(
            _("The issue date cannot be in the future."), code="invalid_date", field="issued_on"
        )
    if issued_on and expires_on and expires_on < issued_on:
        raise DomainError(
            _("The expiry date comes before the issue date."),
            code="invalid_date",
            field="expires_on",
        )


@acts_for_by
@transaction.atomic
def document_upload(
    *,
    startup: Startup,
    doc_type: DocumentType,
    file,
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    replaces: Document | None = None,
    request: DocumentRequest | None = None,
    by,
) -> Document:
    """Keep a file in the startup's vault. The type is read from the file's content, its
    size bounded (settings.DOCUMENT_MAX_UPLOAD_BYTES). `replaces`: the version it follows
    (kept, no longer current); `request`: the request it answers (then submitted)."""
    check_upload(file, kinds=DOCUMENTS, max_bytes=settings.DOCUMENT_MAX_UPLOAD_BYTES)
    _check_dates(issued_on, expires_on)
    if replaces is not None:
        replaces = Document.objects.select_for_update().get(pk=replaces.pk)
        if replaces.startup_id != startup.pk or not replaces.is_current:
            raise DomainError(
                _("Only the current version of one of this startup's documents can be replaced."),
                code="not_current",
                field="replaces",
            )
    if request is not None:
        request = DocumentRequest.objects.select_for_update().get(pk=request.pk)
        if request.startup_id != startup.pk or not request.awaits_startup:
            raise DomainError(_("This request no longer awaits a document."), code="request_closed")
        doc_type = request.doc_type
        if replaces is None:
            replaces = (
                Document.objects.select_for_update()
                .filter(startup=startup, doc_type=doc_type, is_current=True)
                .order_by("-uploaded_at", "-pk")
                .first()
                if doc_type.code != "other"
                else None
            )
    name = (getattr(file, "name", "") or "document").rsplit("/", 1)[-1][-200:]
    document = Document(
        startup=startup,
        doc_type=doc_type,
        original_name=name,
        size=file.size,
        issued_on=issued_on,
        expires_on=expires_on,
        uploaded_by=by if getattr(by, "pk", None) else None,
        uploaded_at=timezone.now(),
    )
    if replaces is not None:
        replaces.is_current = False
        replaces.save(update_fields=["is_current", "updated_at"])
        document.previous = replaces
        document.version = replaces.version + 1
    document.file.save(name, file, save=False)
    document.save()
    payload = {"type": doc_type.code, "version": document.version}
    record("document.uploaded", document, by=by, payload=payload)
    if request is not None:
        request.document = document
        request.status = DocumentRequest.Status.SUBMITTED
        request.submitted_at = timezone.now()
        request.save(update_fields=["document", "status", "submitted_at", "updated_at"])
        record("document_request.fulfilled", request, by=by, payload={"document": document.pk})
        if request.requested_by_id:
            notification_send(
                to=request.requested_by,
                kind="documents.request_submitted",
                context={"startup": startup.name, "type_obj": doc_type},
                url=_request_url(request),
            )
    return document


@acts_for_by
@transaction.atomic
def document_requests_create(
    *,
    startups: list[Startup],
    doc_type: DocumentType,
    due_on: dt.date,
    message: str = "",
    by,
) -> list[DocumentRequest]:
    """Ask each startup for a document of `doc_type` by `due_on`; its members are told."""
    if not startups:
        raise DomainError(_("Choose at least one startup."), code="no_startup", field="startups")
    if due_on < clock.today():
        raise DomainError(
            _("The due date cannot be in the past."), code="invalid_date", field="due_on"
        )
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise DomainError(_("The message is too long."), code="too_long", field="message")
    made = []
    for startup in startups:
        req = DocumentRequest.objects.create(
            startup=startup,
            doc_type=doc_type,
            due_on=due_on,
            message=message,
            requested_by=by if getattr(by, "pk", None) else None,
        )
        record("document.requested", req, by=by, payload={"type": doc_type.code, "due_on": due_on})
        notification_send(
            to=members_of(startup.pk),
            kind="documents.requested",
            context={
                "startup": startup.name,
                "type_obj": doc_type,
                "due": due_on,
                "message": message,
            },
            url=_request_url(req),
        )
        made.append(req)
    return made


@acts_for_by
@transaction.atomic
def document_request_decide(
    *, request: DocumentRequest, accept: bool, comment: str = "", by
) -> DocumentRequest:
    """Accept what the startup sent, or send it back with a comment (it awaits again)."""
    request = DocumentRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DocumentRequest.Status.SUBMITTED:
        raise DomainError(
            _("Only a submitted document can be accepted or sent back."), code="not_submitted"
        )
    comment = (comment or "").strip()
    if not accept and not comment:
        raise DomainError(
            _("Say what is missing when sending a document back."),
            code="comment_required",
            field="comment",
        )
    if len(comment) > MESSAGE_MAX:
        raise DomainError(_("The comment is too long."), code="too_long", field="comment")
    request.status = DocumentRequest.Status.ACCEPTED if accept else DocumentRequest.Status.SENT_BACK
    request.comment = comment
    request.decided_at = timezone.now()
    # Sent back: the reminders start again for the new answer, and the document sent
    # back no longer stands in the vault as the one in force: the version it replaced
    # is current again (the next answer follows it).
    if not accept:
        request.reminded_before_on = None
        request.reminded_after_on = None
        _withdraw(request.document_id)
    request.save()
    record("document_request.decided", request, by=by, payload={"status": request.status})
    notification_send(
        to=members_of(request.startup_id),
        kind="documents.request_decided",
        context={
            "startup": request.startup.name,
            "type_obj": request.doc_type,
            "accepted": accept,
            "comment": comment,
        },
        url=_request_url(request),
    )
    return request


def _withdraw(document_id: int | None) -> None:
    """A document sent back leaves the vault's current ones, its predecessor restored."""
    if document_id is None:
        return
    sent = Document.objects.select_for_update().get(pk=document_id)
    if not sent.is_current:
        return
    previous = sent.previous
    sent.is_current = False
    sent.previous = None  # the version chain goes on from the one in force
    sent.save(update_fields=["is_current", "previous", "updated_at"])
    if previous is not None:
        previous.is_current = True
        previous.save(update_fields=["is_current", "updated_at"])


# --- The daily job -----------------------------------------------------------------------


def _claim(qs, **values) -> bool:
    """Mark one row as done, once: True for the one caller whose update changed it."""
    return qs.update(**values) == 1


@acts_for_by
def expiry_reminders_send(*, today: dt.date, by=None) -> tuple[int, int]:
    """Tell the startup's members, once, N days before a current document expires
    (settings.DOCUMENT_EXPIRY_REMINDER_DAYS), and once more when it has expired.
    Returns (reminded, flagged expired). Run it twice a day: nothing more is sent."""
    window = today + dt.timedelta(days=settings.DOCUMENT_EXPIRY_REMINDER_DAYS)
    current = Document.objects.filter(is_current=True, expires_on__isnull=False)
    reminded = flagged = 0
    soon = current.filter(expires_on__gte=today, expires_on__lte=window, expiry_reminded_on=None)
    for doc in soon.select_related("startup", "doc_type"):
        with transaction.atomic():
            if not _claim(
                Document.objects.filter(pk=doc.pk, expiry_reminded_on=None),
                expiry_reminded_on=today,
            ):
                continue
            notification_send(
                to=members_of(doc.startup_id),
                kind="documents.expiring",
                context={"type_obj": doc.doc_type, "expires": doc.expires_on, "expired": False},
                url=_vault_url(doc.startup),
            )
            reminded += 1
    expired = current.filter(expires_on__lt=today, expired_flagged_on=None)
    for doc in expired.select_related("startup", "doc_type"):
        with transaction.atomic():
            if not _claim(
                Document.objects.filter(pk=doc.pk, expired_flagged_on=None),
                expired_flagged_on=today,
                expiry_reminded_on=doc.expiry_reminded_on or today,
            ):
                continue
            notification_send(
                to=members_of(doc.startup_id),
                kind="documents.expiring",
                context={"type_obj": doc.doc_type, "expires": doc.expires_on, "expired": True},
                url=_vault_url(doc.startup),
            )
            flagged += 1
    return reminded, flagged


@acts_for_by
def request_reminders_send(*, today: dt.date, by=None) -> int:
    """Remind the members of a startup of a request it has not answered: once N days
    before its due date (settings.DOCUMENT_REQUEST_REMINDER_DAYS), once after it."""
    awaiting = DocumentRequest.objects.filter(
        status__in=[DocumentRequest.Status.OPEN, DocumentRequest.Status.SENT_BACK]
    ).select_related("startup", "doc_type")
    before = today + dt.timedelta(days=settings.DOCUMENT_REQUEST_REMINDER_DAYS)
    sent = 0
    for req in awaiting.filter(
        Q(due_on__gte=today, due_on__lte=before, reminded_before_on=None)
        | Q(due_on__lt=today, reminded_after_on=None)
    ):
        late = req.due_on < today
        field = "reminded_after_on" if late else "reminded_before_on"
        with transaction.atomic():
            values = {field: today}
            if late and req.reminded_before_on is None:
                values["reminded_before_on"] = today  # a missed "before" is not sent late
            if not _claim(DocumentRequest.objects.filter(pk=req.pk, **{field: None}), **values):
                continue
            notification_send(
                to=members_of(req.startup_id),
                kind="documents.request_reminder",
                context={"type_obj": req.doc_type, "due": req.due_on, "late": late},
                url=_request_url(req),
            )
            sent += 1
    return sent
