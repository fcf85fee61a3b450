"""One's notifications and their preferences, in the account menu."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.core.hooks import NavItem


def nav_items(request) -> list[NavItem]:
    if not principal(getattr(request, "user", None)).is_authenticated:
        return []
    return [
        NavItem(_("My notifications"), reverse("notifications:index"), "account"),
        NavItem(_("Notification preferences"), reverse("notifications:preferences"), "account"),
    ]
