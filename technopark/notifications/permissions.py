"""Who sees a notification: the person it was written for, and nobody else. The log of
e-mails sent (to anyone, with their text) is for the network's administrators."""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.notifications.models import EmailLog, Notification


def visible_notifications(user) -> QuerySet[Notification]:
    p = principal(user)
    if not p.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user_id=p.user_id)


@rule("notifications.view")
def _view(p: Principal, obj) -> bool:
    return p.is_authenticated and (obj is None or obj.user_id == p.user_id)


@rule("notifications.change")
def _change(p: Principal, obj) -> bool:
    return p.is_authenticated and (obj is None or obj.user_id == p.user_id)


def visible_email_logs(user) -> QuerySet[EmailLog]:
    if not principal(user).is_network_admin:
        return EmailLog.objects.none()
    return EmailLog.objects.all()


@rule("notifications.email_log")
def _email_log(p: Principal, obj) -> bool:
    return p.is_network_admin
