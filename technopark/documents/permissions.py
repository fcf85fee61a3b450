"""Who sees a startup's documents and document requests.

A startup's vault is seen by its members and by the staff who follow it: the staff of the
sites where it is enrolled or hosted (managers and program officers), the partner staff
whose program enrolled it, and the network's administrators. Nobody else: not another
startup, not an expert, not a desk agent. Members upload to their own vault; staff who
follow the startup upload too, ask it for documents and accept or send back what it sent.
"""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.documents.models import Document, DocumentRequest
from technopark.startups.models import Startup
from technopark.startups.permissions import in_private_scope, private_startups


def vault_startups(user) -> QuerySet[Startup]:
    """Startups whose vault the user may open."""
    return private_startups(user)


def staff_startups(user) -> QuerySet[Startup]:
    """Startups the user follows as staff (may ask them for documents)."""
    p = principal(user)
    if not p.is_staff:
        return Startup.objects.none()
    if p.is_network_admin:
        return Startup.objects.all()
    return private_startups(user).exclude(pk__in=[pk for pk in p.startup_ids])


def visible_documents(user) -> QuerySet[Document]:
    p = principal(user)
    qs = Document.objects.select_related("doc_type", "startup", "uploaded_by")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(startup__in=private_startups(user).values("pk"))


def visible_requests(user) -> QuerySet[DocumentRequest]:
    p = principal(user)
    qs = DocumentRequest.objects.select_related("doc_type", "startup", "document", "requested_by")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(startup__in=private_startups(user).values("pk"))


def _follows(p: Principal, startup: Startup) -> bool:
    """Staff who follow the startup (not its own members)."""
    return p.is_staff and in_private_scope(p, startup)


@rule("documents.vault")
def _vault(p: Principal, startup: Startup) -> bool:
    return in_private_scope(p, startup)


@rule("documents.upload")
def _upload(p: Principal, startup: Startup) -> bool:
    return p.is_member_of(startup.pk) or _follows(p, startup)


@rule("document.view")
def _document_view(p: Principal, document: Document) -> bool:
    return in_private_scope(p, document.startup)


@rule("documents.request_any")
def _request_any(p: Principal, obj) -> bool:
    """Staff may ask startups for documents (which ones: `staff_startups`)."""
    return p.is_staff


@rule("documents.request")
def _request(p: Principal, startup: Startup) -> bool:
    return _follows(p, startup)


@rule("document_request.view")
def _request_view(p: Principal, request: DocumentRequest) -> bool:
    return in_private_scope(p, request.startup)


@rule("document_request.fulfil")
def _request_fulfil(p: Principal, request: DocumentRequest) -> bool:
    return p.is_member_of(request.startup_id) and request.awaits_startup


@rule("document_request.decide")
def _request_decide(p: Principal, request: DocumentRequest) -> bool:
    return _follows(p, request.startup)
