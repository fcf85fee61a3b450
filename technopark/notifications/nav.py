"""One's notifications and their preferences, in the account menu; the e-mail log for the
network's administrators, with the failed e-mails on their home."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem, TodayItem
from technopark.notifications.models import EmailLog


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if not principal(user).is_authenticated:
        return []
    items = [
        NavItem(_("My notifications"), reverse("notifications:index"), "account"),
        NavItem(_("Notification preferences"), reverse("notifications:preferences"), "account"),
    ]
    if can(user, "notifications.email_log"):
        items.append(NavItem(_("E-mails sent"), reverse("notifications:email_log"), "admin"))
    return items


def today_items(request) -> list[TodayItem]:
    if not can(request.user, "notifications.email_log"):
        return []
    return [
        TodayItem(
            _("E-mails the mail server refused"),
            EmailLog.objects.filter(status=EmailLog.Status.FAILED).count(),
            reverse("notifications:email_log") + "?status=failed",
            hint=_("Check the address, then send them again."),
        )
    ]


HOOKS = AppHooks(nav_items=nav_items, today_items=today_items)
