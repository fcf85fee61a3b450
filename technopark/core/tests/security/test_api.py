"""The API from outside: tokens scoped to their user, rate limits, Idempotency-Key on writes."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client

from technopark.accounts.services import token_create, token_revoke
from technopark.privacy.models import DataRequest, IdempotencyRecord


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _bearer(user) -> dict:
    _token, raw = token_create(user=user, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _post(client, path, payload, **headers):
    return client.post(path, json.dumps(payload), content_type="application/json", **headers)


# --- Tokens act with their user's rights -----------------------------------------------------


def test_a_members_token_reads_its_startup_but_not_another(cast):
    client = Client()
    auth = _bearer(cast.owner)
    assert client.get("/api/v1/startups/OWN-1", **auth).status_code == 200
    response = client.get("/api/v1/startups/OTHER-1", **auth)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    refs = [s["id"] for s in client.get("/api/v1/startups", **auth).json()["items"]]
    assert "OWN-1" in refs and "OTHER-1" not in refs


def test_a_revoked_or_made_up_token_is_refused(cast):
    token, raw = token_create(user=cast.owner, name="old")
    token_revoke(token=token)
    client = Client()
    for value in (raw, "tp_made-up"):
        response = client.get("/api/v1/startups", HTTP_AUTHORIZATION=f"Bearer {value}")
        assert response.status_code == 401
        assert response.json()["code"] == "unauthenticated"


def test_a_token_cannot_write_as_someone_else(cast):
    client = Client()
    response = _post(client, "/api/v1/privacy/requests", {"kind": "access"}, **_bearer(cast.owner))
    assert response.status_code == 201
    assert DataRequest.objects.get().user == cast.owner


# --- Rate limits ------------------------------------------------------------------------------


def test_a_user_over_the_limit_gets_429_with_retry_after(cast, settings):
    settings.TECHNOPARK_API_RATE_LIMITS = {"user": "3/m", "ip": "1000/m"}
    client = Client()
    auth = _bearer(cast.owner)
    for _ in range(3):
        assert client.get("/api/v1/startups", **auth).status_code == 200
    response = client.get("/api/v1/startups", **auth)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another user from the same address is not slowed down by it.
    assert client.get("/api/v1/startups", **_bearer(cast.colleague)).status_code == 200


def test_an_address_over_the_limit_gets_429_and_others_do_not(cast, settings):
    settings.TECHNOPARK_API_RATE_LIMITS = {"user": "1000/m", "ip": "2/m"}
    client = Client()
    for _ in range(2):
        assert client.get("/api/v1/startups", REMOTE_ADDR="198.51.100.1").status_code == 200
    assert client.get("/api/v1/startups", REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get("/api/v1/startups", REMOTE_ADDR="198.51.100.2").status_code == 200


def test_the_limit_is_a_window_that_resets(cast, settings, monkeypatch):
    settings.TECHNOPARK_API_RATE_LIMITS = {"user": "1/m", "ip": None}
    client = Client()
    auth = _bearer(cast.owner)
    assert client.get("/api/v1/startups", **auth).status_code == 200
    assert client.get("/api/v1/startups", **auth).status_code == 429
    import technopark.core.ratelimit as ratelimit

    real = ratelimit.time.time
    monkeypatch.setattr(ratelimit.time, "time", lambda: real() + 61)
    assert client.get("/api/v1/startups", **auth).status_code == 200


# --- Idempotency-Key ------------------------------------------------------------------------


def test_a_retried_post_with_the_same_key_creates_once_and_replays(cast):
    client = Client()
    auth = _bearer(cast.owner)
    payload = {"kind": "deletion", "message": "Merci de supprimer mon compte."}
    first = _post(client, "/api/v1/privacy/requests", payload, HTTP_IDEMPOTENCY_KEY="k-1", **auth)
    again = _post(client, "/api/v1/privacy/requests", payload, HTTP_IDEMPOTENCY_KEY="k-1", **auth)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert DataRequest.objects.filter(user=cast.owner).count() == 1


def test_the_same_key_with_another_body_is_refused(cast):
    client = Client()
    auth = _bearer(cast.owner)
    _post(client, "/api/v1/privacy/requests", {"kind": "access"}, HTTP_IDEMPOTENCY_KEY="k", **auth)
    response = _post(
        client, "/api/v1/privacy/requests", {"kind": "deletion"}, HTTP_IDEMPOTENCY_KEY="k", **auth
    )
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert DataRequest.objects.filter(user=cast.owner).count() == 1


def test_keys_belong_to_their_user(cast):
    client = Client()
    payload = {"kind": "access"}
    for user in (cast.owner, cast.colleague):
        response = _post(
            client,
            "/api/v1/privacy/requests",
            payload,
            HTTP_IDEMPOTENCY_KEY="same",
            **_bearer(user),
        )
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response
    assert DataRequest.objects.count() == 2


def test_errors_are_replayed_too_and_a_running_key_with_another_body_is_422(cast):
    client = Client()
    auth = _bearer(cast.owner)
    bad = {"kind": "correction", "message": ""}  # a correction must say what to correct
    first = _post(client, "/api/v1/privacy/requests", bad, HTTP_IDEMPOTENCY_KEY="e", **auth)
    again = _post(client, "/api/v1/privacy/requests", bad, HTTP_IDEMPOTENCY_KEY="e", **auth)
    assert first.status_code == again.status_code == 400
    assert again.json() == first.json()
    IdempotencyRecord.objects.create(
        user=cast.owner, key="running", method="POST", path="/api/v1/privacy/requests",
        body_hash="x",
    )  # fmt: skip
    response = _post(
        client, "/api/v1/privacy/requests", {"kind": "access"}, HTTP_IDEMPOTENCY_KEY="running",
        **auth,
    )  # fmt: skip
    assert response.status_code == 422  # another body than the one running


def test_a_request_still_running_answers_409(cast):
    import hashlib

    client = Client()
    auth = _bearer(cast.owner)
    body = json.dumps({"kind": "access"}).encode()
    IdempotencyRecord.objects.create(
        user=cast.owner,
        key="running",
        method="POST",
        path="/api/v1/privacy/requests",
        body_hash=hashlib.sha256(body).hexdigest(),
    )
    response = client.post(
        "/api/v1/privacy/requests",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="running",
        **auth,
    )
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_in_progress"
    assert not DataRequest.objects.exists()


def test_the_session_api_accepts_keys_too_and_reads_ignore_them(cast):
    client = cast.client("owner")
    for _ in range(2):
        response = _post(client, "/api/v1/privacy/requests", {"kind": "access"},
                         HTTP_IDEMPOTENCY_KEY="s")  # fmt: skip
        assert response.status_code == 201
    assert DataRequest.objects.count() == 1
    assert client.get("/api/v1/privacy/requests", HTTP_IDEMPOTENCY_KEY="s").status_code == 200


def test_keys_expire_after_a_day(cast):
    from django.utils import timezone

    client = Client()
    auth = _bearer(cast.owner)
    _post(client, "/api/v1/privacy/requests", {"kind": "access"}, HTTP_IDEMPOTENCY_KEY="d", **auth)
    DataRequest.objects.update(status="done")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timezone.timedelta(hours=25))
    response = _post(
        client, "/api/v1/privacy/requests", {"kind": "access"}, HTTP_IDEMPOTENCY_KEY="d", **auth
    )
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert DataRequest.objects.count() == 2


def test_a_nul_character_is_a_clear_400_not_a_server_error(cast):
    client = Client()
    response = client.get("/api/v1/startups", {"q": "abc\x00def"})
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    response = _post(
        client, "/api/v1/privacy/requests", {"kind": "access", "message": "a\x00b"},
        **_bearer(cast.owner),
    )  # fmt: skip
    assert response.status_code == 400
    assert not DataRequest.objects.exists()
