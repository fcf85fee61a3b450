"""The Django admin, signed in to like the rest of the platform.

Its own login form had neither allauth's rate limits nor the second factor: the admin's
login now sends the person to allauth's (`/accounts/login/`, rate-limited, with the MFA
stage), and the admin opens only to active `is_staff` people who, when
`REQUIRE_STAFF_2FA` is on, have used their second factor in this session.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


class AdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        from technopark.accounts import second_factor

        return super().has_permission(request) and second_factor.missing_step(request) is None

    def login(self, request, extra_context=None):
        from technopark.accounts import second_factor

        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        if not super().has_permission(request):
            raise Http404  # signed in, but not admin staff: the admin is not theirs to see
        step = second_factor.missing_step(request)
        if step is not None:
            return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}")
        return redirect(next_url)


class AdminConfig(DjangoAdminConfig):
    default_site = "technopark.accounts.admin_site.AdminSite"
