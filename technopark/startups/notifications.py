"""Notification kinds of the startups app (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("startups.invitation", _("Invitation to join a startup's team"), mandatory=True),
]
