"""Logging in: rate limits with a cool-off, strong passwords, sessions that end, reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from technopark.house.testing import UserFactory

PASSWORD = "password-for-tests"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate-limit counters live in the cache
    yield
    cache.clear()


def _login(client: Client, email: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        "/accounts/login/",
        {"login": email, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def _logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_sixth_attempt_on_one_account_is_refused_even_with_the_right_password():
    user = UserFactory(email="target@example.ma")
    client = Client()
    for attempt in range(5):
        # Each from another address: the per-account limit is what stops this.
        response = _login(client, user.email, "wrong-password", ip=f"10.0.1.{attempt}")
        assert response.status_code == 200 and not _logged_in(client)
    response = _login(client, user.email, PASSWORD, ip="10.0.2.1")
    assert not _logged_in(client)
    assert "Too many failed login attempts" in response.content.decode()
    # Another account is not locked by it.
    other = UserFactory(email="bystander@example.ma")
    _login(client, other.email, PASSWORD, ip="10.0.2.2")
    assert _logged_in(client)


@pytest.mark.django_db
def test_the_lock_lifts_after_the_window(monkeypatch):
    user = UserFactory(email="target@example.ma")
    client = Client()
    for _attempt in range(5):
        _login(client, user.email, "wrong-password")
    _login(client, user.email, PASSWORD)
    assert not _logged_in(client)
    # allauth counts failures with timestamps; move the clock past the 5-minute window.
    import allauth.core.internal.ratelimit as ratelimit

    real_time = ratelimit.time.time
    monkeypatch.setattr(ratelimit.time, "time", lambda: real_time() + 301)
    _login(client, user.email, PASSWORD)
    assert _logged_in(client)


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_slowed_down():
    users = [UserFactory(email=f"victim{n}@example.ma") for n in range(11)]
    client = Client()
    for user in users[:10]:
        _login(client, user.email, "wrong-password", ip="192.0.2.7")
    _login(client, users[10].email, PASSWORD, ip="192.0.2.7")
    assert not _logged_in(client)
    _login(client, users[10].email, PASSWORD, ip="192.0.2.8")
    assert _logged_in(client)


@pytest.mark.parametrize(
    "weak",
    ["court1!", "1234567890123", "password123", "azertyuiop", "target@example.ma1"],
)
@pytest.mark.django_db
def test_weak_passwords_are_refused(weak):
    user = UserFactory(email="target@example.ma", full_name="Target Person")
    with pytest.raises(ValidationError):
        validate_password(weak, user)


@pytest.mark.django_db
def test_changing_to_a_weak_password_is_refused_over_http():
    user = UserFactory(email="target@example.ma")
    client = Client()
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Cedre-Atlas-2026!",
            "password2": "Cedre-Atlas-2026!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Cedre-Atlas-2026!")


@pytest.mark.django_db
def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    user = UserFactory(email="target@example.ma")
    client = Client()
    _login(client, user.email, PASSWORD)
    assert client.get("/me/").status_code == 200
    assert client.session.get_expire_at_browser_close()
    # Eight hours later the session is gone: the profile asks to log in again.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    response = client.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_password_reset_by_email():
    user = UserFactory(email="target@example.ma")
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "target@example.ma"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["target@example.ma"]
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    path = "/" + link.group(0).split("/", 3)[3]
    response = client.get(path)
    assert response.status_code == 302  # allauth moves the key into the session
    form_url = response["Location"]
    response = client.post(
        form_url, {"password1": "Oasis-Tafilalet-77", "password2": "Oasis-Tafilalet-77"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Oasis-Tafilalet-77")
    # The link works once.
    again = Client().get(path, follow=True)
    assert again.context["token_fail"] is True
    fresh = Client()
    _login(fresh, user.email, "Oasis-Tafilalet-77")
    assert _logged_in(fresh)


@pytest.mark.django_db
def test_reset_for_an_unknown_address_sends_nothing_useful():
    client = Client()
    client.post("/accounts/password/reset/", {"email": "nobody@example.ma"})
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)
