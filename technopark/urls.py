"""Root URL configuration: each app mounts its own urls.py under its prefix."""

from django.contrib import admin
from django.urls import include, path

from technopark.accounts.views import email as account_email
from technopark.core.api_errors import unknown_path
from technopark.house.api import api, mount_routers

mount_routers()

# The database down: 503 with Retry-After (JSON under /api/), not a bare 500.
handler500 = "technopark.core.operations.server_error"

APP_PREFIXES = {
    "network": "sites/",
    "startups": "startups/",
    "programs": "programs/",
    "documents": "documents/",
    "support": "support/",
    "billing": "billing/",
    "hosting": "hosting/",
    "payments": "payments/",
    "booking": "booking/",
    "desk": "desk/",
    "community": "community/",
    "surveys": "surveys/",
    "messaging": "messages/",
    "impact": "bilan/",
    "interchange": "interchange/",
    "notifications": "me/notifications/",
    "accounts": "me/",
    "publishing": "open/",
    "privacy": "privacy/me/",
    "federation": "federation/",
    "webhooks": "webhooks/",
    "committee": "committee/",
    "search": "search/",
    "signatures": "signatures/",
}

urlpatterns = [
    path("", include("technopark.house.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before allauth's: its page, where an address becomes the account's only once verified.
    path("accounts/email/", account_email, name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("bulk/", include("technopark.core.selection_urls")),
    path("api/v1/<path:rest>", unknown_path),  # after the API: JSON 404, not an HTML page
]

urlpatterns += [
    path(prefix, include(f"technopark.{app}.urls")) for app, prefix in APP_PREFIXES.items()
]
