"""The services catalogue in the main menu and in a startup's workspace."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.core.hooks import NavItem


def nav_items(request) -> list[NavItem]:
    return [NavItem(_("Services"), reverse("support:catalogue"))]


def workspace_links(request, startup) -> list[NavItem]:
    return [
        NavItem(_("Ask for a service"), reverse("support:request_create")),
        NavItem(_("Book an expert"), reverse("support:request_create") + "?family=network"),
    ]
