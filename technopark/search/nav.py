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
    # The menu is kept per principal: this links to the page listing (and deleting) the
    # views; the views themselves are a group of the top bar drawn afresh on every page
    # (`saved_views_menu`, outside the kept bar), so a new view shows at once.
    return [NavItem(_("My views"), reverse("search:views"), "account")]


HOOKS = AppHooks(nav_items=nav_items)
