"""A fixed-window counter in the cache, shared by the API's rate limit and the public forms'.

One cache key per namespace, identity and window: `add` then `incr`, so every worker that
shares the cache (Redis in production) counts the same hits. Rates read "600/m", "10/h",
"3/10m". The identity is hashed: no address or e-mail lands in a cache key.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

from technopark.core.client_address import client_ip

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "600/m" -> (600, 60); "100/5m" -> (100, 300)."""
    count, _sep, period = rate.partition("/")
    return int(count), int(period[:-1] or 1) * _PERIODS[period[-1]]


def hit(namespace: str, ident: str, rate: str) -> int:
    """Count one attempt; 0 when allowed, else the seconds until the window ends."""
    limit, window = parse_rate(rate)
    now = time.time()
    start = int(now // window) * window
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    key = f"rate:{namespace}:{digest}:{window}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        hits = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        hits = 1
    if hits > limit:
        return max(1, int(start + window - now + 0.999))
    return 0


def public_form_throttled(request, form: str, email: str, limits: dict[str, str]) -> int:
    """Count one submission of a public form that e-mails the address typed in it, per
    client address and per that address; the seconds to wait when over a limit, else 0."""
    waits = [hit(f"{form}-ip", client_ip(request), limits["ip"])]
    if email.strip():
        waits.append(hit(f"{form}-email", email.strip().lower(), limits["email"]))
    return max(waits)
