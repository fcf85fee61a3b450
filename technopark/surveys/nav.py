"""Links the collection work adds to shared pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import NavItem


def nav_items(request) -> list[NavItem]:
    if not principal(request.user).is_staff:
        return []
    return [NavItem(_("Campaigns"), reverse("surveys:campaigns"))]


def workspace_links(request, startup) -> list[NavItem]:
    if not can(request.user, "declaration.submit", startup):
        return []
    return [NavItem(_("Declare your figures"), reverse("surveys:declare", args=[startup.ref]))]
