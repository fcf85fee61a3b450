"""The personal data pages in the menu: one's own data for everyone, the queue for admins."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem, TodayItem
from technopark.privacy.models import DataRequest


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if not principal(user).is_authenticated:
        return []
    items = [NavItem(_("My data"), reverse("privacy:home"), "account")]
    if can(user, "privacy.process"):
        items.append(NavItem(_("Data requests"), reverse("privacy:queue"), "admin"))
    return items


def today_items(request) -> list[TodayItem]:
    if not can(request.user, "privacy.process"):
        return []
    return [
        TodayItem(
            _("Personal data requests waiting"),
            DataRequest.objects.filter(status=DataRequest.Status.OPEN).count(),
            reverse("privacy:queue"),
        )
    ]


HOOKS = AppHooks(nav_items=nav_items, today_items=today_items)
