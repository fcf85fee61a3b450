"""The vault: a startup's documents and requests are seen by its members and the staff who
follow it (its site's staff, the partner whose program enrolled it, the network's
administrators), nobody else; the staff page of a startup never by its members."""

from technopark.core.matrix import Case, everyone
from technopark.documents.tests.fixtures import make_document, make_request, pdf

# Members of the startup, its site's staff and the administrators; partner staff of the
# program at site A (which `own` is not enrolled in) do not follow it.
SEES = {
    "owner": 200,
    "colleague": 200,
    "site_manager": 200,
    "officer": 200,
    "admin": 200,
    "anonymous": 302,
    "desk_agent": 404,
    "partner_admin": 404,
    "partner_officer": 404,
}
STAFF_ONLY = {
    "site_manager": 200,
    "officer": 200,
    "admin": 200,
    "other_site_staff": 200,
    "anonymous": 302,
    "desk_agent": 403,
    "partner_admin": 200,
    "partner_officer": 200,
}
API_SEES = {**SEES, "anonymous": 404}


def _doc(c):
    return make_document(c.own, c.owner)


def _req(c):
    return make_request(c.own, c.site_manager)


def _upload(c):
    return {"doc_type": _type_pk(), "file": pdf(), "issued_on": "", "expires_on": ""}


def _type_pk():
    from technopark.documents.models import DocumentType

    return DocumentType.objects.get(code="statuts").pk


def _api_upload(c):
    return {"startup": c.own.ref, "type": "statuts", "file": pdf()}


CASES = [
    Case("documents:vault", lambda c: f"/documents/vault/{c.own.ref}/", SEES, default=404),
    Case(
        "documents:vault_upload",
        lambda c: f"/documents/vault/{c.own.ref}/upload/",
        {**SEES, "owner": 302, "colleague": 302, "site_manager": 302, "officer": 302, "admin": 302},
        default=404,
        method="post",
        data=_upload,
    ),
    Case("documents:detail", lambda c: f"/documents/{_doc(c).pk}/", SEES, default=404),
    Case("documents:download", lambda c: f"/documents/{_doc(c).pk}/download/", SEES, default=404),
    Case("documents:requests", lambda c: "/documents/requests/", STAFF_ONLY, default=403),
    Case("documents:request_create", lambda c: "/documents/requests/new/", STAFF_ONLY, default=403),
    Case("documents:request", lambda c: f"/documents/requests/{_req(c).pk}/", SEES, default=404),
    Case(
        "startups:staff_page",
        lambda c: f"/startups/{c.own.ref}/staff/",
        {
            "site_manager": 200,
            "officer": 200,
            "admin": 200,
            "owner": 403,
            "colleague": 403,
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
    ),
    Case("api:GET /api/v1/documents", lambda c: "/api/v1/documents", everyone(200)),
    Case(
        "api:GET /api/v1/documents/{document_id}",
        lambda c: f"/api/v1/documents/{_doc(c).pk}",
        API_SEES,
        default=404,
    ),
    Case(
        "api:GET /api/v1/documents/{document_id}/download",
        lambda c: f"/api/v1/documents/{_doc(c).pk}/download",
        API_SEES,
        default=404,
    ),
    Case(
        "api:POST /api/v1/documents",
        lambda c: "/api/v1/documents",
        {
            **API_SEES,
            **{r: 201 for r in ("owner", "colleague", "site_manager", "officer", "admin")},
        },
        default=404,
        method="post",
        data=_api_upload,
    ),
    Case("api:GET /api/v1/document-requests", lambda c: "/api/v1/document-requests", everyone(200)),
]


def _submitted(c):
    """A request own's owner answered with a document: it awaits the staff's decision."""
    req = _req(c)
    make_document(c.own, c.owner, code="attestation_cnss", request=req)
    return req


# Staff who follow `own` ask it for documents and decide what it sent; its members read.
STAFF_WRITE = {r: 201 for r in ("site_manager", "officer", "admin")}
NOT_STAFF = {r: 403 for r in ("owner", "colleague", "other_member", "desk_agent")}
CASES += [
    Case(
        "api:GET /api/v1/document-requests/{request_id}",
        lambda c: f"/api/v1/document-requests/{_req(c).pk}",
        API_SEES,
        default=404,
    ),
    Case(
        "api:POST /api/v1/document-requests",
        lambda c: "/api/v1/document-requests",
        {
            **STAFF_WRITE,
            **NOT_STAFF,
            "expert": 403,
            "anonymous": 401,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {
            "startup": c.own.ref,
            "type": "attestation_fiscale",
            "due_on": "2099-01-31",
            "message": "L'attestation fiscale de l'année, s'il vous plaît.",
        },
    ),
    Case(
        "api:POST /api/v1/document-requests/{request_id}/decision",
        lambda c: f"/api/v1/document-requests/{_submitted(c).pk}/decision",
        {**API_SEES, **{r: 200 for r in STAFF_WRITE}, "owner": 403, "colleague": 403},
        default=404,
        method="post",
        json=True,
        data=lambda c: {"decision": "send_back", "comment": "L'attestation a expiré."},
    ),
]
