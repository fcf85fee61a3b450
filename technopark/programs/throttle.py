"""The rate limit of the public application form (it e-mails the address typed in it),
counted in the cache like the API's: per client address and per e-mail address,
`PROGRAMS_APPLY_RATE_LIMITS` in the settings (defaults below)."""

from __future__ import annotations

from django.conf import settings

from technopark.core.ratelimit import public_form_throttled

DEFAULT_LIMITS = {"ip": "10/h", "email": "3/h"}


def apply_throttled(request, email: str) -> int:
    """Count a submission of the form; the seconds to wait when over a limit, else 0."""
    limits = {**DEFAULT_LIMITS, **(getattr(settings, "PROGRAMS_APPLY_RATE_LIMITS", {}) or {})}
    return public_form_throttled(request, "programs-apply", email, limits)
