"""Notification kinds of webhooks (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind(
        "webhooks.paused",
        _("A webhook subscription was paused after repeated failures"),
        mandatory=True,
    ),
]
