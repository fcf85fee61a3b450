"""API tokens with scopes, an expiry and an organisation (accounts/tokens.py, docs/api.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from technopark.accounts.models import ApiToken
from technopark.accounts.services import token_create, token_revoke
from technopark.core.errors import DomainError
from technopark.privacy.models import DataRequest


def _auth(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_read_scope_reads_its_area_only(cast):
    _t, raw = token_create(user=cast.owner, name="reader", scopes=["startups:read"])
    client = Client()
    assert client.get(f"/api/v1/startups/{cast.own.ref}", **_auth(raw)).status_code == 200
    refused = client.get("/api/v1/privacy/requests", **_auth(raw))
    assert refused.status_code == 403
    assert refused.json()["code"] == "insufficient_scope"
    body = {"content_type": "application/json", "data": '{"kind": "access"}'}
    assert client.post("/api/v1/privacy/requests", **body, **_auth(raw)).status_code == 403
    assert not DataRequest.objects.filter(user=cast.owner).exists()


def test_a_write_scope_writes_and_reads(cast):
    _t, raw = token_create(user=cast.owner, name="writer", scopes=["account:write"])
    client = Client()
    body = {"content_type": "application/json", "data": '{"kind": "access"}'}
    assert client.post("/api/v1/privacy/requests", **body, **_auth(raw)).status_code == 201
    listed = client.get("/api/v1/privacy/requests", **_auth(raw)).json()
    assert listed["count"] == 1
    # A read scope never writes.
    _t, reader = token_create(user=cast.owner, name="reader", scopes=["account:read"])
    assert client.post("/api/v1/privacy/requests", **body, **_auth(reader)).status_code == 403
    assert DataRequest.objects.filter(user=cast.owner).count() == 1


def test_scopes_never_widen_what_the_person_may(cast):
    """Every area, read and write: still a 404 for another startup's private record."""
    _t, raw = token_create(user=cast.owner, name="all", scopes=["startups:write"])
    client = Client()
    assert client.get(f"/api/v1/startups/{cast.other.ref}", **_auth(raw)).status_code == 404
    _t, full = token_create(user=cast.owner, name="full")
    assert client.get(f"/api/v1/startups/{cast.other.ref}", **_auth(full)).status_code == 404


def test_revoking_takes_effect_at_once(cast):
    token, raw = token_create(user=cast.owner, name="t", scopes=["startups:read"])
    client = Client()
    assert client.get("/api/v1/startups", **_auth(raw)).status_code == 200
    assert client.get("/api/v1/startups", **_auth(raw)).status_code == 200
    token_revoke(token=token)
    refused = client.get("/api/v1/startups", **_auth(raw))
    assert refused.status_code == 401
    assert refused.json()["code"] == "unauthenticated"


def test_an_expired_token_is_refused(cast):
    token, raw = token_create(
        user=cast.owner,
        name="t",
        scopes=["startups:read"],
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    client = Client()
    assert client.get("/api/v1/startups", **_auth(raw)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert client.get("/api/v1/startups", **_auth(raw)).status_code == 401


def test_bad_scopes_or_expiry_make_no_token(cast):
    with pytest.raises(DomainError):
        token_create(user=cast.owner, name="t", scopes=["nothing:read"])
    with pytest.raises(DomainError):
        token_create(
            user=cast.owner,
            name="t",
            scopes=["startups:read"],
            expires_at=timezone.now() - dt.timedelta(days=1),
        )
    assert not ApiToken.objects.filter(user=cast.owner).exists()


def test_an_organisation_token_lives_while_its_maker_administers_it(cast):
    admin = cast.partner_admin
    with pytest.raises(DomainError):  # a founder administers no organisation
        token_create(user=cast.owner, name="t", scopes=["startups:read"], operator=cast.partner)
    token, raw = token_create(
        user=admin, name="CRM", scopes=["startups:read"], operator=cast.partner
    )
    client = Client()
    assert client.get("/api/v1/startups", **_auth(raw)).status_code == 200
    # The maker no longer administers the organisation: the token stops at once.
    admin.roles.filter(kind="partner_admin").delete()
    from technopark.accounts.access import access_changed

    access_changed(admin.pk)
    assert client.get("/api/v1/startups", **_auth(raw)).status_code == 401
    del token


def test_the_settings_page_makes_a_scoped_token_shown_once(cast):
    client = cast.client("owner")
    response = client.post(
        "/me/tokens/",
        {"name": "tableur", "scope_startups": "read", "scope_billing": "write", "expires": "30"},
        follow=True,
    )
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=cast.owner)
    assert token.scopes == ["startups:read", "billing:read", "billing:write"]
    assert token.expires_at is not None
    assert (token.expires_at - timezone.now()).days in (29, 30)
    assert raw not in client.get("/me/").content.decode()


def test_the_settings_page_refuses_a_token_without_any_area(cast):
    client = cast.client("owner")
    client.post("/me/tokens/", {"name": "rien", "expires": "never"})
    client.post("/me/tokens/", {"name": "faux", "scope_startups": "admin", "expires": "never"})
    assert not ApiToken.objects.filter(user=cast.owner).exists()


def test_every_administrator_of_an_organisation_sees_and_revokes_its_tokens(cast):
    from technopark.house.testing import UserFactory, make_role

    token, _raw = token_create(
        user=cast.partner_admin, name="CRM", scopes=["startups:read"], operator=cast.partner
    )
    second = make_role(
        UserFactory(email="padmin2@alpha.ma"), "partner_admin", operator=cast.partner
    )
    client = Client()
    client.force_login(second)
    assert "CRM" in client.get("/me/").content.decode()
    # Another organisation's administrator gets a 404.
    other = cast.client("other_partner_admin")
    assert other.post(f"/me/tokens/{token.pk}/revoke/").status_code == 404
    client.post(f"/me/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def _records(cast) -> dict[str, str]:
    """One record of each kind the API reads, all of the owner's startup."""
    from technopark.billing.services import payment_record
    from technopark.billing.tests.matrix import _invoice
    from technopark.hosting.tests.matrix import _lease_id
    from technopark.programs.tests.fixtures import make_plan
    from technopark.support.tests.fixtures import make_request

    invoice = _invoice(cast)
    payment_record(
        invoice=invoice, amount_mad=Decimal("100"), paid_on=invoice.issued_on, by=cast.admin
    )
    return {
        "contract": f"/api/v1/contracts/{_lease_id(cast)}",
        "invoice": f"/api/v1/invoices/{invoice.pk}",
        "support request": f"/api/v1/support-requests/{make_request(cast).pk}",
        "startup": f"/api/v1/startups/{cast.own.ref}",
        "payments": f"/api/v1/payments?invoice={invoice.pk}",
        "plans": f"/api/v1/plans?startup={make_plan(cast).startup.ref}",
    }


@pytest.mark.parametrize(
    "kind", ["contract", "invoice", "support request", "startup", "payments", "plans"]
)
def test_a_founders_token_never_reads_another_startups_records(cast, kind):
    """Full scopes, every area: the other startup's founder gets a 404 (or an empty list)."""
    url = _records(cast)[kind]
    _t, mine = token_create(user=cast.owner, name="mine")
    _t, theirs = token_create(user=cast.other_member, name="theirs")
    client = Client()
    own = client.get(url, **_auth(mine))
    other = client.get(url, **_auth(theirs))
    assert own.status_code == 200
    if "?" in url:  # a list: the other founder sees none of these rows
        assert own.json()["count"] >= 1
        assert other.status_code == 200
        assert other.json()["count"] == 0
    else:
        assert other.status_code == 404
        assert other.json()["code"] == "not_found"
