"""Notification kinds of payments (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("payments.receipt", _("Receipt of a payment made online"), mandatory=True),
]
