"""adduser and api-token, as an operator runs them."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from technopark.accounts.models import ApiToken, Role, User, hash_token
from technopark.desk.models import Desk
from technopark.house.testing import SiteFactory, StartupFactory
from technopark.startups.models import Membership


class _Stdin(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.fixture
def piped(monkeypatch):
    def pipe(text: str) -> None:
        monkeypatch.setattr("sys.stdin", _Stdin(text))

    return pipe


def test_adduser_with_piped_password_creates_a_site_manager(db, piped):
    SiteFactory(code="CASA")
    piped("a-strong-passphrase-2026\n")
    out = io.StringIO()
    call_command(
        "adduser", "Manager@Example.ma", "--role", "site_manager", "--site", "CASA", stdout=out
    )
    user = User.objects.get(email="manager@example.ma")
    assert user.check_password("a-strong-passphrase-2026")
    assert Role.objects.filter(user=user, kind="site_manager", site__code="CASA").exists()
    assert "One-time link" not in out.getvalue()


def test_adduser_without_password_prints_a_one_time_link(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    out = io.StringIO()
    call_command("adduser", "expert@example.ma", "--role", "expert", stdout=out)
    assert "/accounts/password/reset/key/" in out.getvalue()
    assert not User.objects.get(email="expert@example.ma").has_usable_password()


def test_adduser_startup_member_and_desk_agent(db, piped):
    startup = StartupFactory(ref="S001-00042")
    site = SiteFactory(code="RABAT")
    Desk.objects.create(site=site, code="RABAT-CNSS", partner="CNSS", name="CNSS")
    piped("")
    call_command(
        "adduser",
        "f@example.ma",
        "--role",
        "startup_member",
        "--startup",
        "S001-00042",
        stdout=io.StringIO(),
    )
    call_command(
        "adduser",
        "a@example.ma",
        "--role",
        "desk_agent",
        "--desk",
        "RABAT-CNSS",
        stdout=io.StringIO(),
    )
    assert Membership.objects.filter(user__email="f@example.ma", startup=startup).exists()
    role = Role.objects.get(user__email="a@example.ma")
    assert role.desk.code == "RABAT-CNSS" and role.site == site


def test_adduser_updates_an_existing_user_instead_of_duplicating(db, piped):
    SiteFactory(code="CASA")
    SiteFactory(code="RABAT")
    piped("")
    call_command(
        "adduser", "m@example.ma", "--role", "site_manager", "--site", "CASA", stdout=io.StringIO()
    )
    call_command(
        "adduser", "m@example.ma", "--role", "site_manager", "--site", "RABAT", stdout=io.StringIO()
    )
    assert User.objects.filter(email="m@example.ma").count() == 1
    assert set(
        Role.objects.filter(user__email="m@example.ma").values_list("site__code", flat=True)
    ) == {"CASA", "RABAT"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "site_manager"], "--site"),
        (["--role", "site_manager", "--site", "NOWHERE"], "NOWHERE"),
        (["--role", "startup_member"], "--startup"),
        (["--role", "desk_agent"], "--desk"),
    ],
)
def test_adduser_refuses_incomplete_scopes_and_writes_nothing(db, piped, args, message):
    piped("")
    with pytest.raises(CommandError, match=message):
        call_command("adduser", "x@example.ma", *args, stdout=io.StringIO())
    assert not User.objects.filter(email="x@example.ma").exists()


def test_adduser_refuses_a_weak_password(db, piped):
    piped("1234\n")
    with pytest.raises(CommandError):
        call_command("adduser", "weak@example.ma", "--role", "expert", stdout=io.StringIO())
    assert not User.objects.filter(email="weak@example.ma").exists()


def test_api_token_prints_a_token_that_authenticates(db, client):
    User.objects.create_user("t@example.ma", "another-long-password")
    out = io.StringIO()
    call_command("api-token", "t@example.ma", stdout=out)
    raw = out.getvalue().strip()
    assert ApiToken.objects.filter(digest=hash_token(raw)).exists()
    assert (
        client.get("/api/v1/sites", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    )


def test_api_token_for_unknown_user_fails(db):
    with pytest.raises(CommandError):
        call_command("api-token", "nobody@example.ma", stdout=io.StringIO())
