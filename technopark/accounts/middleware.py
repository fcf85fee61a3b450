"""Staff must turn on two-factor authentication, and use it, before they work.

What stays open to staff who have not: exactly what it takes to set it up or confirm it
(allauth's TOTP activation, which asks for the password again, the recovery codes it
shows, and the code confirmation), to sign out, and the static files and language switch.
Everything else, `/privacy/`, the profile, `/accounts/email/` and the API included, sends
them there; the API answers 403 `second_factor_required`.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from technopark.accounts import second_factor

OPEN_PREFIXES = ("/static/", "/i18n/")
OPEN_URL_NAMES = (
    "mfa_activate_totp",
    "mfa_reauthenticate",
    "mfa_view_recovery_codes",
    "account_reauthenticate",
    "account_logout",
)


@functools.cache
def _open_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in OPEN_URL_NAMES)


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.TECHNOPARK_REQUIRE_STAFF_2FA
            and request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in _open_paths()
        ):
            step = second_factor.missing_step(request)
            if step is not None:
                return self._refuse(request, step)
        return self.get_response(request)

    def _refuse(self, request, step: str):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "code": "second_factor_required",
                    "message": _(
                        "Staff use two-factor authentication: set it up or confirm it with a "
                        "code at %(url)s, then call again."
                    )
                    % {"url": request.build_absolute_uri(reverse(step))},
                },
                status=403,
            )
        url = reverse(step)
        if step == second_factor.CONFIRM and request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)


class HtmxLoginRedirectMiddleware:
    """A part of a page loaded by htmx (the bilan's trends, a comparison) from a session
    that has expired got the login page's redirect, which the browser followed: the whole
    login page was inserted into the part. Such a request is answered `HX-Redirect` to the
    login page instead, with `next` the page the person was reading (htmx's
    `HX-Current-URL`), so htmx takes the whole window there and brings them back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or response.status_code not in (301, 302):
            return response
        login = resolve_url(settings.LOGIN_URL)
        target = urlsplit(response["Location"])
        if target.path != login:
            return response
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        page = current.path or "/"
        if current.query:
            page += f"?{current.query}"
        if not url_has_allowed_host_and_scheme(page, allowed_hosts=None):
            page = "/"
        answer = HttpResponse(status=204)
        answer["HX-Redirect"] = f"{login}?{urlencode({'next': page})}"
        return answer
