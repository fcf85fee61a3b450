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
def test_staff_are_sent_to_set_up_totp_until_they_have_it(cast, role):
    client = _logged_in_client(getattr(cast, role))
    response = client.get("/startups/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Their own security pages stay reachable.
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    TOTP.activate(getattr(cast, role), generate_totp_secret())
    assert client.get("/startups/").status_code == 200


@pytest.mark.parametrize("role", ["owner", "colleague", "expert"])
def test_startup_members_and_experts_are_not_forced(cast, role):
    assert cast.client(role).get("/startups/").status_code == 200


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
