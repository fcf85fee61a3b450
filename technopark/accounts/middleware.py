"""Staff must turn on two-factor authentication before they work on the platform."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect

from technopark.accounts.permissions import principal

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/", "/privacy/")


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.TECHNOPARK_REQUIRE_STAFF_2FA
            and request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and principal(request.user).is_staff
            and not _has_totp(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
