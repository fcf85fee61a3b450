"""The rate limit of the public registration form, counted in the cache.

The same fixed-window counter as the API's (`technopark.core.api`): one cache key per scope,
identity and window, `add` then `incr`. Limits are per client address and per e-mail
address, `COMMUNITY_GUEST_RATE_LIMITS` in the settings (defaults below).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

DEFAULT_LIMITS = {"ip": "10/h", "email": "3/h"}
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/h" -> (10, 3600); "3/10m" -> (3, 600), as the API's rates."""
    count, _sep, period = rate.partition("/")
    return int(count), int(period[:-1] or 1) * _PERIODS[period[-1]]


def client_ip(request) -> str:
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def _hit(scope: str, ident: str, rate: str) -> int:
    """Count one attempt; 0 when allowed, else the seconds until the window ends."""
    limit, window = parse_rate(rate)
    now = time.time()
    start = int(now // window) * window
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]  # no address in the cache key
    key = f"community-guest-rate:{scope}:{digest}:{window}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        hits = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        hits = 1
    if hits > limit:
        return max(1, int(start + window - now + 0.999))
    return 0


def guest_registration_throttled(request, email: str) -> int:
    """Count an attempt of the public form; the seconds to wait when over a limit, else 0."""
    limits = {**DEFAULT_LIMITS, **(getattr(settings, "COMMUNITY_GUEST_RATE_LIMITS", {}) or {})}
    waits = [_hit("ip", client_ip(request), limits["ip"])]
    if email:
        waits.append(_hit("email", email.strip().lower(), limits["email"]))
    return max(waits)
