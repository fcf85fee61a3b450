"""Notification kinds of the federation (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind(
        "federation.partner_invitation",
        _("Access given to a partner organisation's records"),
        mandatory=True,
    ),
]
