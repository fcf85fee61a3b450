"""The client's address behind the reverse proxy: read from X-Forwarded-For only when the
immediate peer is a trusted proxy (TRUSTED_PROXIES), so the login's limit per address
counts each client apart, and a client cannot pick its own address."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.cache import cache
from django.test import Client, RequestFactory

from technopark.core.client_address import client_ip
from technopark.house.testing import UserFactory

PASSWORD = "password-for-tests"
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.TECHNOPARK_TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]


def _ip(remote_addr: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra))


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.TECHNOPARK_TRUSTED_PROXIES = []
    assert _ip("127.0.0.1", "203.0.113.9") == "127.0.0.1"
    assert _ip("198.51.100.7") == "198.51.100.7"


def test_behind_the_proxy_the_address_it_appended_is_the_client(behind_proxy):
    assert _ip(PROXY, "203.0.113.9") == "203.0.113.9"
    # A client that writes its own header: nginx appends the real peer after it.
    assert _ip(PROXY, "1.2.3.4, 203.0.113.9") == "203.0.113.9"
    # Two proxies of ours (10/8 in front of loopback): the first address not ours.
    assert _ip(PROXY, "203.0.113.9, 10.1.2.3") == "203.0.113.9"
    assert _ip("::1", "2001:db8::5") == "2001:db8::5"
    assert _ip("::ffff:127.0.0.1", "203.0.113.9") == "203.0.113.9"
    # Nothing or garbage from the proxy: the proxy is all we know.
    assert _ip(PROXY) == PROXY
    assert _ip(PROXY, "not-an-address") == PROXY


def test_a_forged_header_from_an_untrusted_peer_is_ignored(behind_proxy):
    assert _ip("198.51.100.7", "203.0.113.9") == "198.51.100.7"
    assert _ip("198.51.100.7", "127.0.0.1") == "198.51.100.7"


def _login(client: Client, email: str, password: str, **meta):
    return client.post("/accounts/login/", {"login": email, "password": password}, **meta)


@pytest.mark.django_db
def test_two_clients_behind_the_proxy_are_counted_apart(behind_proxy):
    users = [UserFactory(email=f"victim{n}@example.ma") for n in range(11)]
    attacker = Client()
    for user in users[:10]:
        _login(
            attacker, user.email, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66"
        )
    _login(
        attacker, users[10].email, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66"
    )
    assert "_auth_user_id" not in attacker.session  # the attacker's address is slowed down
    # Another client through the same proxy is not.
    someone = Client()
    _login(
        someone, users[10].email, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert someone.session["_auth_user_id"] == str(users[10].pk)


@pytest.mark.django_db
def test_a_client_cannot_escape_the_limit_by_forging_the_header(behind_proxy):
    users = [UserFactory(email=f"victim{n}@example.ma") for n in range(11)]
    attacker = Client()
    for n, user in enumerate(users[:10]):
        _login(
            attacker,
            user.email,
            "wrong",
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    _login(
        attacker,
        users[10].email,
        PASSWORD,
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert "_auth_user_id" not in attacker.session
    # Through the proxy, a header the client wrote before nginx's entry changes nothing.
    via_proxy = Client()
    for n, user in enumerate(users[:10]):
        _login(
            via_proxy,
            user.email,
            "wrong",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.70",
        )
    _login(
        via_proxy,
        users[10].email,
        PASSWORD,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.70",
    )
    assert "_auth_user_id" not in via_proxy.session


@pytest.mark.django_db
def test_the_audit_trail_records_the_client_not_a_forged_header(behind_proxy):
    user = UserFactory(email="person@example.ma")
    client = Client()
    client.force_login(user)
    client.post("/me/calendar/renew/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="6.6.6.6")
    client.post("/me/calendar/renew/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    addresses = list(LogEntry.objects.order_by("pk").values_list("remote_addr", flat=True))
    assert "6.6.6.6" not in addresses
    assert "198.51.100.7" in addresses and "203.0.113.9" in addresses


def test_metrics_are_not_opened_by_a_forged_loopback_address(behind_proxy, settings):
    settings.TECHNOPARK_METRICS_TOKEN = ""
    client = Client()
    assert client.get("/metrics", REMOTE_ADDR=PROXY).status_code == 200  # Prometheus, directly
    # From outside through nginx (were its `location = /metrics` ever dropped).
    assert (
        client.get("/metrics", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code
        == 404
    )
    assert (
        client.get(
            "/metrics", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="127.0.0.1"
        ).status_code
        == 404
    )


def test_a_bad_trusted_proxies_value_is_named(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import technopark.settings"],
        env={"TRUSTED_PROXIES": "127.0.0.1,localhost", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[4]),
    )
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr and "'localhost'" in result.stderr
