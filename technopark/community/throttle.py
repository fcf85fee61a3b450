"""The rate limit of the public registration form, counted in the cache.

The same fixed-window counter as the API's (`technopark.core.ratelimit`). Limits are per
client address and per e-mail address, `COMMUNITY_GUEST_RATE_LIMITS` in the settings
(defaults below).
"""

from __future__ import annotations

from django.conf import settings

from technopark.core.ratelimit import public_form_throttled

DEFAULT_LIMITS = {"ip": "10/h", "email": "3/h"}


def guest_registration_throttled(request, email: str) -> int:
    """Count an attempt of the public form; the seconds to wait when over a limit, else 0."""
    limits = {**DEFAULT_LIMITS, **(getattr(settings, "COMMUNITY_GUEST_RATE_LIMITS", {}) or {})}
    return public_form_throttled(request, "community-guest", email, limits)
