"""Deploy checks of our own, run by `technopark check --deploy` next to Django's."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register

DEMO_SECRET_PREFIX = "insecure-demo-key"  # noqa: S105 - the demo default, refused here


@register(deploy=True)
def production_settings(app_configs, **kwargs):
    problems = []
    if settings.SECRET_KEY.startswith(DEMO_SECRET_PREFIX):
        problems.append(
            Warning(
                "SECRET_KEY is the demo key.",
                hint="Set SECRET_KEY to a long random value (see .env.example).",
                id="technopark.W001",
            )
        )
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend")):
        problems.append(
            Warning(
                "E-mails are not sent: password resets would never arrive.",
                hint="Set EMAIL_BACKEND and EMAIL_HOST (see .env.example).",
                id="technopark.W002",
            )
        )
    if not settings.TECHNOPARK_REQUIRE_STAFF_2FA:
        problems.append(
            Warning(
                "Staff may work without two-factor authentication.",
                hint="Set REQUIRE_STAFF_2FA=1.",
                id="technopark.W003",
            )
        )
    return problems
