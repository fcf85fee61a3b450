"""Search and saved views in the menu: for everyone signed in."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if not can(user, "search.use"):
        return []
    # The menu is kept per principal: it links to the page listing the views, which
    # reads them at each visit (a new view would not show in a kept menu).
    return [NavItem(_("My views"), reverse("search:views"), "account")]


HOOKS = AppHooks(nav_items=nav_items)
