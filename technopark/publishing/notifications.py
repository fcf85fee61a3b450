"""Notification kinds of publishing (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("publishing.contact_message", _("A visitor wrote to your startup from the showcase")),
    Kind("publishing.report_ready", _("Your bilan report is ready"), mandatory=True),
]
