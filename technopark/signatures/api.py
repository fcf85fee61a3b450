"""API: the signature requests a person may see, each with its state and its signers; the
sealed PDF once everyone signed; and, for a person asked to sign, the PDF to read, a
one-time code by e-mail, signing with it, or declining, through the same permission layer
and services as the pages (docs/signatures.md)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.api_common import ErrorOut, signed_in_user
from technopark.core.client_address import client_ip
from technopark.core.uploads import openapi_download, serve_private
from technopark.signatures import services
from technopark.signatures.models import SignatureRequest, Signer
from technopark.signatures.permissions import visible_signature_requests

router = Router(tags=["signatures"])

PDF_ANSWER = openapi_download(("pdf",), "The PDF, as an attachment")


class SignerOut(Schema):
    name: str
    position: int
    status: str
    invited_at: dt.datetime | None
    viewed_at: dt.datetime | None
    signed_at: dt.datetime | None
    declined_at: dt.datetime | None
    me: bool = Field(description="Whether this signer is the caller")

    @staticmethod
    def resolve_name(obj: Signer) -> str:
        return obj.user.full_name or obj.user.email

    @staticmethod
    def resolve_me(obj: Signer, context) -> bool:
        return obj.user_id == context["request"].user.pk


class SignatureRequestOut(Schema):
    id: int
    kind: str
    title: str
    site: str
    startup: str | None
    language: str
    in_order: bool
    status: str = Field(
        description="sent, viewed, partly_signed (signed by some), signed (by all), "
        "declined, expired or cancelled"
    )
    expires_on: dt.date
    original_sha256: str
    signed_pdf: str | None = Field(description="The sealed PDF's address, once all signed")
    declined_reason: str
    created_at: dt.datetime
    completed_at: dt.datetime | None
    updated_at: dt.datetime | None
    signers: list[SignerOut]

    @staticmethod
    def resolve_site(obj: SignatureRequest) -> str:
        return obj.site.code

    @staticmethod
    def resolve_startup(obj: SignatureRequest) -> str | None:
        return obj.startup.ref if obj.startup_id else None

    @staticmethod
    def resolve_signed_pdf(obj: SignatureRequest) -> str | None:
        return f"/api/v1/signature-requests/{obj.pk}/signed.pdf" if obj.final else None

    @staticmethod
    def resolve_signers(obj: SignatureRequest) -> list[Signer]:
        return list(obj.signers.all())


class SignIn(Schema):
    code: str = Field(max_length=20, description="The one-time code e-mailed to you")
    consent: bool = Field(description="You agree to sign electronically (consent_text)")
    document_sha256: str = Field(
        max_length=64, description="The fingerprint of the PDF you read (original_sha256)"
    )


class DeclineIn(Schema):
    reason: str = Field(max_length=2000)


class CodeSentOut(Schema):
    sent_to: str
    consent_text: str


def _requests(user):
    return (
        visible_signature_requests(user)
        .distinct()
        .select_related("site", "startup")
        .prefetch_related("signers__user")
    )


def _request(user, pk: int) -> SignatureRequest:
    found = get_visible_or_404(_requests(user), pk=pk)
    require(user, "signature.view", found, view_perm="signature.view")
    return found


def _my_signer(user, pk: int) -> tuple[SignatureRequest, Signer]:
    """The caller's place among the signers of a request they see (404 when not asked)."""
    sig = _request(user, pk)
    mine = sig.signers.filter(user_id=user.pk).select_related("user").first()
    if mine is None:
        raise Http404
    require(user, "signature.sign", mine)
    mine.request = sig
    return sig, mine


@router.get(
    "/signature-requests",
    response=list[SignatureRequestOut],
    summary="Signature requests you may see (your startup's, your site's, those you are asked "
    "to sign); status: one of the states, or open",
)
@paginate
def signature_requests_list(request, status: str = "", startup: str = ""):
    qs = _requests(request.user)
    if status == "open":
        qs = qs.filter(status__in=SignatureRequest.OPEN)
    elif status:
        qs = qs.filter(status=status[:20])
    if startup:
        qs = qs.filter(startup__ref=startup[:40])
    return qs.order_by("-created_at", "-pk")


@router.get(
    "/signature-requests/{request_id}",
    response=SignatureRequestOut,
    summary="One signature request, its state and its signers",
)
def signature_request_get(request, request_id: int):
    return _request(request.user, request_id)


@router.get(
    "/signature-requests/{request_id}/signed.pdf",
    summary="The sealed PDF, with its page of evidence, once everyone signed (404 before)",
    openapi_extra=PDF_ANSWER,
)
def signature_request_signed_pdf(request, request_id: int):
    sig = _request(request.user, request_id)
    if not sig.final:
        raise Http404
    return serve_private(request, sig.final, filename=f"signed-{sig.pk}.pdf")


@router.get(
    "/signature-requests/{request_id}/document.pdf",
    summary="The PDF as sent for signature; a signer's reading makes them 'viewed'",
    openapi_extra=PDF_ANSWER,
)
def signature_request_document(request, request_id: int):
    sig = _request(request.user, request_id)
    mine = sig.signers.filter(user_id=request.user.pk).first()
    if mine is not None and sig.is_open:
        services.signature_viewed(signer=mine, by=request.user)
    return serve_private(request, sig.original, filename=f"document-{sig.pk}.pdf")


@router.post(
    "/signature-requests/{request_id}/code",
    response={202: CodeSentOut, 400: ErrorOut},
    summary="E-mail yourself a one-time code to sign (a signer, at their turn); valid 10 "
    "minutes, one a minute at most (429 sooner)",
)
def signature_code(request, request_id: int):
    signed_in_user(request)
    _sig, mine = _my_signer(request.user, request_id)
    services.signature_code_send(signer=mine, by=request.user)
    return Status(
        202,
        {
            "sent_to": request.user.email,
            "consent_text": services.consent_text(request.LANGUAGE_CODE),
        },
    )


@router.post(
    "/signature-requests/{request_id}/signature",
    response={200: SignatureRequestOut, 400: ErrorOut, 409: ErrorOut},
    summary="Sign with the e-mailed code, having read the PDF whose fingerprint you give and "
    "agreed to sign electronically (a signer, at their turn)",
)
def signature_sign(request, request_id: int, payload: SignIn):
    signed_in_user(request)
    _sig, mine = _my_signer(request.user, request_id)
    services.signature_sign(
        signer=mine,
        code=payload.code,
        consent=payload.consent,
        document_sha256=payload.document_sha256,
        ip_address=client_ip(request),
        user_agent=request.headers.get("User-Agent", "")[:300],
        language=request.LANGUAGE_CODE,
        by=request.user,
    )
    return _request(request.user, request_id)


@router.post(
    "/signature-requests/{request_id}/decline",
    response={200: SignatureRequestOut, 400: ErrorOut},
    summary="Decline to sign, saying why (a signer): the request is closed for everyone",
)
def signature_decline(request, request_id: int, payload: DeclineIn):
    signed_in_user(request)
    _sig, mine = _my_signer(request.user, request_id)
    services.signature_decline(signer=mine, reason=payload.reason, by=request.user)
    return _request(request.user, request_id)
