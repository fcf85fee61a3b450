"""Every signature page as every member of the cast.

A request for the startup `own` at site A, signed by its founder (owner) and the site's
manager: its site's staff and the startup's members see it; only the two signers open the
signer's page; the site's managers ask and cancel; everyone else gets 404, visitors the login.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from technopark.core.matrix import Case


def _request(c):
    from technopark.signatures.models import SignatureRequest
    from technopark.signatures.tests.helpers import document_request

    found = SignatureRequest.objects.filter(startup=c.own).first()
    return found or document_request(c)


def _signed(c):
    """A request everyone signed (its final PDF stands in: the sealing has its own tests)."""
    from technopark.signatures.models import SignatureRequest

    found = _request(c)
    if not found.final:
        found.final.save("signed.pdf", ContentFile(b"%PDF-1.7\n%sealed\n"), save=False)
        found.status = SignatureRequest.Status.SIGNED
        found.save()
    return found


def _session(c) -> int:
    from technopark.committee.tests.fixtures import make_session

    return make_session(c, held=True).pk


def _lease(c) -> int:
    from technopark.signatures.tests.helpers import draft_lease

    return draft_lease(c).pk


def _at(suffix: str):
    return lambda c: f"/signatures/{_request(c).pk}/{suffix}"


def everyone_but(status: int, **overrides: int) -> dict[str, int]:
    from technopark.core.matrix import ROLES

    return {role: overrides.get(role, status) for role in ROLES}


# The request's readers: its startup's members and its site's staff.
READERS = everyone_but(
    404, owner=200, colleague=200, site_manager=200, officer=200, admin=200, anonymous=302
)
# The signer's own page and actions: the two people asked, no one else.
SIGNERS_GET = everyone_but(404, owner=200, site_manager=200, anonymous=302)
SIGNERS_POST = everyone_but(404, owner=302, site_manager=302, anonymous=302)

CASES = [
    Case(
        "signatures:index",
        lambda c: "/signatures/",
        everyone_but(404, expert=404, anonymous=302)
        | {
            r: 200
            for r in (
                "owner",
                "colleague",
                "other_member",
                "site_manager",
                "officer",
                "other_site_staff",
                "admin",
            )
        },
    ),
    Case(
        "signatures:new_document",
        lambda c: "/signatures/new/",
        everyone_but(404, site_manager=200, other_site_staff=200, admin=200, anonymous=302),
    ),
    Case(
        "signatures:new_document",
        lambda c: f"/signatures/new/?startup={c.own.ref}",
        everyone_but(404, site_manager=200, admin=200, anonymous=302),
        id="new_document for a startup",
    ),
    Case(
        "signatures:new_for_contract",
        lambda c: f"/signatures/contract/{_lease(c)}/",
        everyone_but(
            404,
            site_manager=200,
            admin=200,
            officer=403,
            owner=403,
            colleague=403,
            anonymous=302,
        ),
    ),
    Case(
        "signatures:new_for_minutes",
        lambda c: f"/signatures/minutes/{_session(c)}/",
        # Those who run the session are sent back to it (its minutes are not approved yet,
        # so nothing is asked: the page says why); everyone else never sees it.
        everyone_but(404, officer=302, admin=302, site_manager=302, anonymous=302),
        method="post",
    ),
    Case("signatures:detail", _at(""), READERS),
    Case("signatures:document", _at("document.pdf"), READERS),
    Case("signatures:final", lambda c: f"/signatures/{_signed(c).pk}/signed.pdf", READERS),
    Case("signatures:sign", _at("sign/"), SIGNERS_GET),
    Case("signatures:send_code", _at("code/"), SIGNERS_POST, method="post"),
    Case(
        "signatures:decline",
        _at("decline/"),
        SIGNERS_POST,
        method="post",
        data=lambda c: {"reason": "Le montant du loyer est erroné."},
    ),
    Case(
        "signatures:cancel",
        _at("cancel/"),
        everyone_but(
            404,
            site_manager=302,
            admin=302,
            officer=403,
            owner=403,
            colleague=403,
            anonymous=302,
        ),
        method="post",
    ),
]

# The API (signatures/api.py): the same readers; the signer's actions for the two asked.
API_READERS = {**READERS, "anonymous": 404}
API_SIGNERS = everyone_but(404, owner=200, site_manager=200, anonymous=401)


def _api(suffix: str = "", request=_request):
    return lambda c: f"/api/v1/signature-requests/{request(c).pk}{suffix}"


CASES += [
    Case(
        "api:GET /api/v1/signature-requests",
        lambda c: "/api/v1/signature-requests?status=open",
        everyone_but(200),
        setup=_request,
    ),
    Case("api:GET /api/v1/signature-requests/{request_id}", _api(), API_READERS),
    Case(
        "api:GET /api/v1/signature-requests/{request_id}/signed.pdf",
        _api("/signed.pdf", _signed),
        API_READERS,
    ),
    Case(
        "api:GET /api/v1/signature-requests/{request_id}/document.pdf",
        _api("/document.pdf"),
        API_READERS,
    ),
    Case(
        "api:POST /api/v1/signature-requests/{request_id}/code",
        _api("/code"),
        {**API_SIGNERS, "owner": 202, "site_manager": 202},
        method="post",
    ),
    Case(
        "api:POST /api/v1/signature-requests/{request_id}/signature",
        _api("/signature"),
        # No code asked yet: a 400 `no_code` for the two signers (signing: tests/test_api.py).
        {**API_SIGNERS, "owner": 400, "site_manager": 400},
        method="post",
        json=True,
        data=lambda c: {"code": "000000", "consent": True, "document_sha256": "0" * 64},
    ),
    Case(
        "api:POST /api/v1/signature-requests/{request_id}/decline",
        _api("/decline"),
        API_SIGNERS,
        method="post",
        json=True,
        data=lambda c: {"reason": "Le montant du loyer est erroné."},
    ),
]
