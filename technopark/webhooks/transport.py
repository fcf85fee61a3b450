"""Sending one webhook: which URLs may be called (SSRF), the signed headers, the POST.

Used by the services (to refuse a URL when it is given) and by the delivery task (to check
it again, on the addresses it resolves to, at each attempt); imports no service.

Outside DEBUG and the tests (settings.TECHNOPARK_WEBHOOKS_ALLOW_PRIVATE), a receiver must be
on a public address: loopback, private, link-local (cloud metadata), multicast, reserved
and unspecified addresses are refused, names reserved by RFC 6761 too; redirects are not
followed; no proxy from the environment is used. See docs/security.md.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from standardwebhooks.webhooks import Webhook

# RFC 6761 / 2606 names that never resolve publicly.
RESERVED_SUFFIXES = (".invalid", ".test", ".example", ".localhost", ".local", ".internal")
ANSWER_KEPT = 500


class UrlRefused(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _allow_private() -> bool:
    return bool(getattr(settings, "TECHNOPARK_WEBHOOKS_ALLOW_PRIVATE", False))


def _address_refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_url(url: str) -> str:
    """The URL, stripped, when a webhook may be sent to it; UrlRefused (code, message) when
    not. Names are not resolved here (that is done at each attempt, `check_addresses`)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UrlRefused("bad_url", _("Give a valid http(s) URL.")) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
        raise UrlRefused("bad_url", _("Give a valid http(s) URL."))
    if parts.username or parts.password:
        raise UrlRefused("bad_url", _("The URL may not carry a user name or a password."))
    del port
    host = parts.hostname.rstrip(".").lower()
    if _allow_private():
        return url
    if host == "localhost":
        raise UrlRefused("url_not_allowed", _("Webhooks are only sent to public addresses."))
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return url
    if _address_refused(str(literal)):
        raise UrlRefused("url_not_allowed", _("Webhooks are only sent to public addresses."))
    return url


def check_addresses(url: str) -> None:
    """Resolve the URL's host now and refuse it if any address is not public."""
    check_url(url)
    parts = urlsplit(url)
    if parts.hostname.rstrip(".").lower().endswith(RESERVED_SUFFIXES):
        # RFC 6761 names never resolve: not worth asking the DNS (which may be slow to say so).
        raise UrlRefused("unresolved", _("The receiver's host name does not resolve."))
    if _allow_private():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError:
        raise UrlRefused("unresolved", _("The receiver's host name does not resolve.")) from None
    if any(_address_refused(info[4][0]) for info in infos):
        raise UrlRefused("url_not_allowed", _("Webhooks are only sent to public addresses."))


def signed_headers(secret: str, msg_id: str, body: bytes, now: dt.datetime) -> dict[str, str]:
    """The Standard Webhooks headers, signed with the subscription's secret."""
    return {
        "Content-Type": "application/json",
        "User-Agent": "Technopark-Webhooks/1",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id=msg_id, timestamp=now, data=body),
    }


@dataclass
class Outcome:
    status_code: int | None
    answer: str = ""
    error: str = ""
    duration_ms: int = 0

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 3xx is the receiver's answer, not somewhere else to go


_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def post(url: str, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST the body; the status code and the start of the answer, or the error."""
    started = time.monotonic()

    def took() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        check_addresses(url)
    except UrlRefused as exc:
        return Outcome(None, error=exc.message[:300])
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - http(s) only (check_url)
    timeout = getattr(settings, "TECHNOPARK_WEBHOOKS_TIMEOUT", 10)
    try:
        with _opener.open(request, timeout=timeout) as response:
            answer = response.read(ANSWER_KEPT + 1)
            return Outcome(response.status, _text(answer), duration_ms=took())
    except urllib.error.HTTPError as exc:
        answer = exc.read(ANSWER_KEPT + 1) if exc.fp is not None else b""
        return Outcome(exc.code, _text(answer), duration_ms=took())
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return Outcome(None, error=f"{type(exc).__name__}: {reason}"[:300], duration_ms=took())


def _text(raw: bytes) -> str:
    """The start of an answer, at most ANSWER_KEPT characters with its "…" when cut (the
    column holds that many: PostgreSQL refuses one more)."""
    text = raw[:ANSWER_KEPT].decode("utf-8", errors="replace")
    if len(raw) > ANSWER_KEPT:
        return text[: ANSWER_KEPT - 1] + "…"
    return text
