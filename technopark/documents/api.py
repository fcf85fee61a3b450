"""API: a startup's documents (list, one, its file, an upload) and document requests,
through the same permission layer and services as the pages (docs/documents.md)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core import clock
from technopark.core.api_common import ErrorOut, signed_in_user
from technopark.core.errors import DomainError
from technopark.core.uploads import DOCUMENTS, openapi_download, serve_private
from technopark.documents import services
from technopark.documents.models import Document, DocumentRequest, DocumentType
from technopark.documents.permissions import (
    staff_startups,
    vault_startups,
    visible_documents,
    visible_requests,
)

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    startup: str
    type: str
    type_name: str
    file_name: str
    size: int
    issued_on: dt.date | None
    expires_on: dt.date | None
    validity: str
    version: int
    current: bool
    replaces: int | None
    uploaded_at: dt.datetime
    download: str
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_startup(obj: Document) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_type(obj: Document) -> str:
        return obj.doc_type.code

    @staticmethod
    def resolve_type_name(obj: Document) -> str:
        return obj.doc_type.name

    @staticmethod
    def resolve_file_name(obj: Document) -> str:
        return obj.original_name

    @staticmethod
    def resolve_validity(obj: Document) -> str:
        return obj.validity(clock.today())

    @staticmethod
    def resolve_current(obj: Document) -> bool:
        return obj.is_current

    @staticmethod
    def resolve_replaces(obj: Document) -> int | None:
        return obj.previous_id

    @staticmethod
    def resolve_download(obj: Document) -> str:
        return f"/api/v1/documents/{obj.pk}/download"


class DocumentRequestOut(Schema):
    id: int
    startup: str
    type: str
    due_on: dt.date
    message: str
    status: str
    document: int | None
    comment: str
    created_at: dt.datetime
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_startup(obj: DocumentRequest) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_type(obj: DocumentRequest) -> str:
        return obj.doc_type.code

    @staticmethod
    def resolve_status(obj: DocumentRequest) -> str:
        return obj.shown_status(clock.today())

    @staticmethod
    def resolve_document(obj: DocumentRequest) -> int | None:
        return obj.document_id


class DocumentIn(Schema):
    startup: str
    type: str
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    replaces: int | None = None
    request: int | None = None


@router.get(
    "/documents",
    response=list[DocumentOut],
    summary="Documents of the startups' vaults you may see (current versions unless "
    "all_versions); filter by startup ref and type code",
)
@paginate
def documents_list(request, startup: str = "", type: str = "", all_versions: bool = False):  # noqa: A002
    qs = visible_documents(request.user)
    if startup:
        qs = qs.filter(startup__ref=startup[:40])
    if type:
        qs = qs.filter(doc_type__code=type[:40])
    if not all_versions:
        qs = qs.filter(is_current=True)
    return qs.order_by("-uploaded_at", "-pk")


@router.get("/documents/{document_id}", response=DocumentOut, summary="One document")
def document_get(request, document_id: int):
    return get_visible_or_404(visible_documents(request.user), pk=document_id)


@router.get(
    "/documents/{document_id}/download",
    summary="The document's file (an attachment)",
    openapi_extra=openapi_download(DOCUMENTS, "The file, as an attachment"),
)
def document_download(request, document_id: int):
    document = get_visible_or_404(visible_documents(request.user), pk=document_id)
    require(request.user, "document.view", document)
    return serve_private(request, document.file, filename=document.original_name)


@router.post(
    "/documents",
    response={201: DocumentOut, 400: ErrorOut},
    summary="Upload a document to a startup's vault (multipart: the fields and `file`); "
    "`replaces` keeps the version it follows, `request` answers a document request",
)
def document_create(request, payload: Form[DocumentIn], file: File[UploadedFile]):
    startup = get_visible_or_404(vault_startups(request.user), ref=payload.startup[:40])
    require(request.user, "documents.upload", startup, view_perm="documents.vault")
    doc_type = get_visible_or_404(DocumentType.objects.all(), code=payload.type[:40])
    replaces = req = None
    if payload.replaces is not None:
        replaces = get_visible_or_404(
            visible_documents(request.user).filter(startup=startup), pk=payload.replaces
        )
    if payload.request is not None:
        req = get_visible_or_404(
            visible_requests(request.user).filter(startup=startup), pk=payload.request
        )
        require(request.user, "document_request.fulfil", req)
    document = services.document_upload(
        startup=startup,
        doc_type=doc_type,
        file=file,
        issued_on=payload.issued_on,
        expires_on=payload.expires_on,
        replaces=replaces,
        request=req,
        by=request.user,
    )
    return Status(201, Document.objects.select_related("startup", "doc_type").get(pk=document.pk))


@router.get(
    "/document-requests",
    response=list[DocumentRequestOut],
    summary="Document requests you may see (a startup's own; the staff who follow it); "
    "status: open, submitted, accepted, sent_back or overdue",
)
@paginate
def document_requests_list(request, startup: str = "", status: str = ""):
    qs = visible_requests(request.user)
    if startup:
        qs = qs.filter(startup__ref=startup[:40])
    if status == "overdue":
        qs = qs.filter(
            status__in=[DocumentRequest.Status.OPEN, DocumentRequest.Status.SENT_BACK],
            due_on__lt=clock.today(),
        )
    elif status:
        qs = qs.filter(status=status[:12])
    return qs.order_by("-created_at", "-pk")


class DocumentRequestIn(Schema):
    startup: str = Field(max_length=40, description="The startup's reference")
    type: str = Field(max_length=40, description="A document type's code (statuts, ...)")
    due_on: dt.date
    message: str = Field("", max_length=2000)


class DocumentRequestDecisionIn(Schema):
    decision: str = Field(description="accept, or send_back (with a comment)")
    comment: str = Field("", max_length=2000)


@router.get(
    "/document-requests/{request_id}",
    response=DocumentRequestOut,
    summary="One document request",
)
def document_request_get(request, request_id: int):
    req = get_visible_or_404(visible_requests(request.user), pk=request_id)
    require(request.user, "document_request.view", req)
    return req


@router.post(
    "/document-requests",
    response={201: DocumentRequestOut, 400: ErrorOut},
    summary="Ask a startup you follow for a document by a due date (staff)",
)
def document_request_create(request, payload: DocumentRequestIn):
    signed_in_user(request)
    require(request.user, "documents.request_any")
    startup = get_visible_or_404(staff_startups(request.user), ref=payload.startup)
    require(request.user, "documents.request", startup)
    doc_type = get_visible_or_404(DocumentType.objects.all(), code=payload.type)
    (made,) = services.document_requests_create(
        startups=[startup],
        doc_type=doc_type,
        due_on=payload.due_on,
        message=payload.message,
        by=request.user,
    )
    return Status(201, visible_requests(request.user).get(pk=made.pk))


@router.post(
    "/document-requests/{request_id}/decision",
    response={200: DocumentRequestOut, 400: ErrorOut},
    summary="Accept the document a startup sent, or send it back with a comment (the staff "
    "who follow it); only a submitted request is decided",
)
def document_request_decide(request, request_id: int, payload: DocumentRequestDecisionIn):
    req = get_visible_or_404(visible_requests(request.user), pk=request_id)
    require(request.user, "document_request.decide", req, view_perm="document_request.view")
    if payload.decision not in ("accept", "send_back"):
        raise DomainError(_("Decide accept or send_back."), code="invalid", field="decision")
    services.document_request_decide(
        request=req,
        accept=payload.decision == "accept",
        comment=payload.comment,
        by=request.user,
    )
    return visible_requests(request.user).get(pk=req.pk)
