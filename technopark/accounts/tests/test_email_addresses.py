"""/accounts/email/ on the demo: an address is the account's only once verified, and never
one of another account (a founder added the site manager's and the officer's addresses,
signed in with them, made an unverified one its login, and got a 500 making another
person's address its own)."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client

from technopark.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


FOUNDER_PASSWORD = "Founder-own-password-2026"


@pytest.fixture
def founder(demo_network):
    """The demo's founder, with a password of their own (the demo logins share one)."""
    user = User.objects.get(pk=demo_network.ctx.users["founder"].pk)
    user.set_password(FOUNDER_PASSWORD)
    user.save()
    return user


@pytest.fixture
def staff_addresses(demo_network):
    users = demo_network.ctx.users
    return [users["site_manager"].email, users["program_officer"].email]


def _signed_in(user) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": FOUNDER_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _signs_in(login: str, password: str = FOUNDER_PASSWORD) -> str | None:
    client = Client()
    client.post("/accounts/login/", {"login": login, "password": password})
    return client.session.get("_auth_user_id")


def test_another_accounts_address_cannot_be_added_nor_used_to_sign_in(founder, staff_addresses):
    client = _signed_in(founder)
    for address in staff_addresses:
        response = client.post("/accounts/email/", {"action_add": "", "email": address})
        assert response.status_code == 200
        assert "belongs to another account" in response.content.decode()
        assert not EmailAddress.objects.filter(user=founder, email__iexact=address).exists()
        # The founder's password with the staff member's address signs nobody in.
        assert _signs_in(address) is None
    assert not [m for m in mail.outbox if set(m.to) & set(staff_addresses)]


def test_an_unverified_address_neither_signs_in_nor_becomes_the_login(founder):
    client = _signed_in(founder)
    response = client.post("/accounts/email/", {"action_add": "", "email": "new@founder.ma"})
    assert response.status_code == 302
    pending = EmailAddress.objects.get(user=founder, email="new@founder.ma")
    assert not pending.verified
    assert _signs_in("new@founder.ma") is None
    response = client.post("/accounts/email/", {"action_primary": "", "email": "new@founder.ma"})
    assert response.status_code == 302
    founder.refresh_from_db()
    assert founder.email == "founder@demo.technopark.ma"
    assert _signs_in("founder@demo.technopark.ma") == str(founder.pk)

    # Its link, followed, makes it the account's address: the old one no longer signs in.
    (message,) = [m for m in mail.outbox if m.to == ["new@founder.ma"]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.post(path).status_code == 302
    founder.refresh_from_db()
    assert founder.email == "new@founder.ma"
    assert _signs_in("new@founder.ma") == str(founder.pk)
    assert _signs_in("founder@demo.technopark.ma") is None


def test_an_old_row_with_another_accounts_address_is_no_500_and_never_confirmed(
    founder, staff_addresses
):
    manager_address = staff_addresses[0]
    # A row the old page let a founder write.
    row = EmailAddress.objects.create(user=founder, email=manager_address, verified=False)
    client = _signed_in(founder)
    response = client.post("/accounts/email/", {"action_primary": "", "email": manager_address})
    assert response.status_code == 302
    founder.refresh_from_db()
    assert founder.email == "founder@demo.technopark.ma"
    assert User.objects.filter(email__iexact=manager_address).count() == 1
    assert (
        EmailAddress.objects.filter(user=founder, primary=True, email=manager_address).count() == 0
    )
    # Its confirmation link, were it sent and followed, is refused too.
    client.post("/accounts/email/", {"action_send": "", "email": manager_address})
    messages = [m for m in mail.outbox if m.to == [manager_address]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", messages[-1].body).group(0)
    response = Client().post("/" + link.split("/", 3)[3])
    row.refresh_from_db()
    assert not row.verified
    founder.refresh_from_db()
    assert founder.email == "founder@demo.technopark.ma"


def test_the_migration_removes_rows_naming_another_accounts_address(founder, staff_addresses):
    from importlib import import_module

    from django.apps import apps

    EmailAddress.objects.create(user=founder, email=staff_addresses[0].upper(), verified=False)
    EmailAddress.objects.create(user=founder, email="spare@founder.ma", verified=False)
    migration = import_module(
        "technopark.accounts.migrations.0006_drop_addresses_of_other_accounts"
    )
    migration.drop(apps, None)
    assert set(EmailAddress.objects.filter(user=founder).values_list("email", flat=True)) >= {
        "spare@founder.ma"
    }
    assert not EmailAddress.objects.filter(user=founder, email__iexact=staff_addresses[0]).exists()
