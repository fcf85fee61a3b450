"""Document requests through the API: staff who follow a startup ask it for a document and
decide what it sent; its members read them and may not decide."""

from __future__ import annotations

import json

import pytest

from technopark.documents.models import DocumentRequest
from technopark.documents.tests.fixtures import make_document

pytestmark = pytest.mark.django_db


def _post(client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_staff_ask_then_send_back_then_accept(cast):
    manager = cast.client("site_manager")
    body = {"startup": "OWN-1", "type": "attestation_cnss", "due_on": "2099-06-30"}
    made = _post(manager, "/api/v1/document-requests", {**body, "message": "À jour"})
    assert made.status_code == 201, made.content
    assert (made.json()["status"], made.json()["message"]) == ("open", "À jour")
    past = _post(manager, "/api/v1/document-requests", {**body, "due_on": "2001-01-01"})
    assert (past.status_code, past.json()["code"]) == (400, "invalid_date")
    assert (
        _post(cast.client("other_site_staff"), "/api/v1/document-requests", body).status_code == 404
    )
    assert _post(cast.client("owner"), "/api/v1/document-requests", body).status_code == 403

    req = DocumentRequest.objects.get(pk=made.json()["id"])
    path = f"/api/v1/document-requests/{req.pk}/decision"
    assert _post(manager, path, {"decision": "accept"}).json()["code"] == "not_submitted"
    make_document(cast.own, cast.owner, code="attestation_cnss", request=req)
    assert cast.client("owner").get(f"/api/v1/document-requests/{req.pk}").json()["status"] == (
        "submitted"
    )
    assert _post(cast.client("owner"), path, {"decision": "accept"}).status_code == 403
    silent = _post(manager, path, {"decision": "send_back"})
    assert (silent.status_code, silent.json()["code"]) == (400, "comment_required")
    assert _post(manager, path, {"decision": "maybe"}).status_code == 400
    back = _post(manager, path, {"decision": "send_back", "comment": "Illisible"})
    assert (back.json()["status"], back.json()["comment"]) == ("sent_back", "Illisible")
    make_document(cast.own, cast.owner, code="attestation_cnss", request=req)
    accepted = _post(manager, path, {"decision": "accept"})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
