"""Signing through the API: the page's flow (read, a code by e-mail, sign with it), the
sealed PDF once everyone signed, and declining."""

from __future__ import annotations

import json
from unittest import mock

import pytest

from technopark.signatures.models import SignatureRequest
from technopark.signatures.tests.helpers import document_request

pytestmark = pytest.mark.django_db


def _post(client, path: str, body: dict | None = None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def test_both_signers_sign_through_the_api_and_read_the_sealed_pdf(cast):
    sig = document_request(cast)
    base = f"/api/v1/signature-requests/{sig.pk}"
    for who, after in (("owner", "partly_signed"), ("site_manager", "signed")):
        client = cast.client(who)
        read = client.get(f"{base}/document.pdf")
        assert read.status_code == 200 and read["Content-Type"] == "application/pdf"
        with mock.patch("technopark.signatures.services.secrets.randbelow", return_value=4242):
            sent = _post(client, f"{base}/code")
        assert sent.status_code == 202, sent.content
        assert sent.json()["sent_to"] == getattr(cast, who).email
        body = {"code": "000000", "consent": True, "document_sha256": sig.original_sha256}
        wrong = _post(client, f"{base}/signature", body)
        assert (wrong.status_code, wrong.json()["code"]) == (400, "wrong_code")
        signed = _post(client, f"{base}/signature", {**body, "code": "004242"})
        assert signed.status_code == 200, signed.content
        assert signed.json()["status"] == after
        mine = next(s for s in signed.json()["signers"] if s["me"])
        assert mine["status"] == "signed"
    final = cast.client("colleague").get(f"{base}/signed.pdf")
    assert final.status_code == 200 and final["Content-Type"] == "application/pdf"
    assert b"".join(final.streaming_content).startswith(b"%PDF-")
    assert cast.client("colleague").get(base).json()["signed_pdf"] == f"{base}/signed.pdf"


def test_a_signer_declines_and_others_may_not(cast):
    sig = document_request(cast)
    base = f"/api/v1/signature-requests/{sig.pk}"
    assert _post(cast.client("colleague"), f"{base}/decline", {"reason": "Non"}).status_code == 404
    assert cast.client("colleague").get(f"{base}/signed.pdf").status_code == 404
    empty = _post(cast.client("owner"), f"{base}/decline", {"reason": " "})
    assert (empty.status_code, empty.json()["code"]) == (400, "reason_missing")
    declined = _post(cast.client("owner"), f"{base}/decline", {"reason": "Montant erroné"})
    assert declined.status_code == 200
    assert (declined.json()["status"], declined.json()["declined_reason"]) == (
        "declined",
        "Montant erroné",
    )
    sig.refresh_from_db()
    assert sig.status == SignatureRequest.Status.DECLINED
    listed = cast.client("site_manager").get("/api/v1/signature-requests?status=declined")
    assert [r["id"] for r in listed.json()["items"]] == [sig.pk]
    assert cast.client("other_member").get(base).status_code == 404
