"""Who sees a notification: the person it was written for, and nobody else."""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.notifications.models import Notification


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
