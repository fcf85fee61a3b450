"""Personal API tokens: created and revoked on the profile page; they act with their user's rights."""

from __future__ import annotations

from technopark.accounts.models import ApiToken
from technopark.accounts.services import token_create, token_revoke


def test_profile_creates_a_token_shown_once(cast):
    client = cast.client("owner")
    response = client.post(
        "/me/tokens/", {"name": "my script", "scope_startups": "read"}, follow=True
    )
    raw = response.context["new_token"]
    assert raw.startswith("tp_")
    assert raw in response.content.decode()
    # Shown once: the next visit does not show it again.
    assert raw not in client.get("/me/").content.decode()
    assert ApiToken.objects.get(user=cast.owner).name == "my script"


def test_token_sees_what_its_user_sees(cast, client):
    _t, raw = token_create(user=cast.owner, name="t")
    auth = {"Authorization": f"Bearer {raw}"}
    assert client.get(f"/api/v1/startups/{cast.own.ref}", headers=auth).status_code == 200
    assert client.get(f"/api/v1/startups/{cast.other.ref}", headers=auth).status_code == 404


def test_revoked_or_wrong_token_is_refused(cast, client):
    token, raw = token_create(user=cast.owner, name="t")
    token_revoke(token=token)
    response = client.get("/api/v1/sites", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert (
        client.get("/api/v1/sites", headers={"Authorization": "Bearer tp_nope"}).status_code == 401
    )


def test_revoking_from_the_profile(cast):
    token, _raw = token_create(user=cast.owner, name="t")
    cast.client("owner").post(f"/me/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert cast.owner.api_tokens.filter(revoked_at__isnull=True).count() == 0


def _csrf_client(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/me/")  # the profile page sets the CSRF cookie, as a browser would get it
    return client, client.cookies["csrftoken"].value


def test_session_writes_to_the_api_need_csrf(cast):
    from technopark.privacy.models import DataRequest

    client, csrf = _csrf_client(cast.owner)
    body = {"data": '{"kind": "access"}', "content_type": "application/json"}
    refused = client.post("/api/v1/privacy/requests", **body)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert not DataRequest.objects.filter(user=cast.owner).exists()

    accepted = client.post("/api/v1/privacy/requests", headers={"X-CSRFToken": csrf}, **body)
    assert accepted.status_code == 201
    assert DataRequest.objects.filter(user=cast.owner).count() == 1


def test_the_revoke_form_needs_csrf(cast):
    token, _raw = token_create(user=cast.owner, name="t")
    client, csrf = _csrf_client(cast.owner)
    assert client.post(f"/me/tokens/{token.pk}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None

    client.post(f"/me/tokens/{token.pk}/revoke/", {"csrfmiddlewaretoken": csrf})
    token.refresh_from_db()
    assert token.revoked_at is not None
