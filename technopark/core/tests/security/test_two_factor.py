"""Two-factor authentication: required for staff and admins, offered to everyone."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.test import Client

PASSWORD = "password-for-tests"


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.TECHNOPARK_REQUIRE_STAFF_2FA = True
    cache.clear()


def _logged_in_client(user) -> Client:
    """A real login; setting up a second factor then asks for the password once more."""
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    return client


def _code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the current period
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.parametrize("role", ["site_manager", "officer", "admin", "other_site_staff"])
@pytest.mark.django_db(transaction=True)  # allauth announces a new TOTP after commit
def test_staff_are_sent_to_set_up_totp_until_they_have_it(cast, role):
    client = _logged_in_client(getattr(cast, role))
    response = client.get("/startups/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Their own security pages stay reachable.
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    # Setting TOTP up in this session (its first code typed) lets them work.
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": _code(secret)})
    assert response.status_code == 302
    assert client.get("/startups/").status_code == 200


@pytest.mark.parametrize("role", ["owner", "colleague", "expert"])
def test_startup_members_and_experts_are_not_forced(cast, role):
    assert cast.client(role).get("/programs/").status_code == 200


def test_everyone_is_offered_two_factor_on_their_profile(cast):
    page = cast.client("owner").get("/me/").content.decode()
    assert "/accounts/2fa/" in page and "/accounts/password/change/" in page


def test_activating_totp_over_http_gives_recovery_codes_and_login_asks_for_a_code(cast):
    client = _logged_in_client(cast.site_manager)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": _code(secret)})
    assert response.status_code == 302
    user = cast.site_manager
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    codes_row = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    codes = RecoveryCodes(codes_row).get_unused_codes()
    assert len(codes) >= 8

    # Logging in now takes the password, then a second factor.
    fresh = Client()
    response = fresh.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in fresh.session
    response = fresh.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in fresh.session
    # A recovery code works once, when the phone is lost.
    response = fresh.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 302
    assert fresh.session["_auth_user_id"] == str(user.pk)
    assert (
        codes[0] not in RecoveryCodes(Authenticator.objects.get(pk=codes_row.pk)).get_unused_codes()
    )


# --- The admin site: the same login, the same second factor -------------------------------


def _admin_staff(cast):
    """The network admin, with the admin site's access as role_grant gives it."""
    cast.admin.is_staff = True
    cast.admin.save(update_fields=["is_staff"])
    return cast.admin


def _with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def test_the_admin_login_form_signs_nobody_in_and_its_way_in_is_rate_limited(cast):
    admin = _admin_staff(cast)
    _with_totp(admin)
    client = Client()
    for _attempt in range(30):
        client.post("/admin/login/?next=/admin/", {"username": admin.email, "password": "wrong"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    # The admin's login is allauth's: the same rate limit stops a guesser there.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    for _attempt in range(30):
        client.post("/accounts/login/?next=/admin/", {"login": admin.email, "password": "wrong"})
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": admin.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 429  # too many failures from this address
    assert client.get("/admin/").status_code == 302


def test_staff_with_totp_who_did_not_pass_it_cannot_open_the_admin(cast):
    admin = _admin_staff(cast)
    secret = _with_totp(admin)
    client = Client()
    client.force_login(admin)  # a session that never asked for the code
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"
    # Confirming with a code opens it.
    response = client.post(response["Location"], {"code": _code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_signing_in_to_the_admin_takes_the_password_then_the_code(cast):
    admin = _admin_staff(cast)
    secret = _with_totp(admin)
    client = Client()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    response = client.post(response["Location"], {"login": admin.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_is_a_404_for_someone_signed_in_who_is_not_admin_staff(cast):
    client = cast.client("owner")
    assert client.get("/admin/login/?next=/admin/").status_code == 404


# --- What stays open before the second factor ---------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/privacy/me/",
        "/privacy/me/notice/",
        "/me/",
        "/admin/",
    ],
)
def test_staff_without_a_second_factor_are_sent_to_set_it_up_from_every_page(cast, path):
    client = _logged_in_client(cast.site_manager)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_staff_without_a_second_factor_can_set_it_up_sign_out_and_switch_language(cast):
    client = _logged_in_client(cast.site_manager)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    assert client.get("/accounts/reauthenticate/").status_code == 200
    assert client.post("/i18n/setlang/", {"language": "ar", "next": "/"}).status_code == 302
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_api_refuses_staff_without_a_second_factor_by_session_and_by_token(cast):
    from technopark.accounts.services import token_create

    client = _logged_in_client(cast.site_manager)
    response = client.get("/api/v1/sites")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    # A token made earlier (before the role, or before 2FA was required) does not go around it.
    _token, raw = token_create(user=cast.site_manager, name="script")
    response = Client().get("/api/v1/sites", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    # Once they have one, the token works; members' tokens were never concerned.
    _with_totp(cast.site_manager)
    assert Client().get("/api/v1/sites", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    _token, member_raw = token_create(user=cast.owner, name="script")
    assert (
        Client().get("/api/v1/sites", HTTP_AUTHORIZATION=f"Bearer {member_raw}").status_code == 200
    )
    # A session that has the TOTP but did not type a code is still refused.
    assert client.get("/api/v1/sites").json()["code"] == "second_factor_required"
