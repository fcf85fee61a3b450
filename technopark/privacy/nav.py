"""The personal data pages in the menu: one's own data for everyone, the queue for admins."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import NavItem


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if not principal(user).is_authenticated:
        return []
    items = [NavItem(_("My data"), reverse("privacy:home"))]
    if can(user, "privacy.process"):
        items.append(NavItem(_("Data requests"), reverse("privacy:queue")))
    return items
