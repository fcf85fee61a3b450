"""The bell of the top bar: the unread count of the person's notifications (one query)."""

from __future__ import annotations

from django import template

from technopark.notifications.permissions import visible_notifications

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notifications_bell(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    unread = visible_notifications(user).filter(read_at__isnull=True).count() if user else 0
    return {"unread": unread, "current": bool(request) and request.path == "/me/notifications/"}
