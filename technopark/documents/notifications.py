"""Notification kinds of the document vault (docs/documents.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("documents.requested", _("The network asks your startup for a document"), mandatory=True),
    Kind("documents.request_reminder", _("Reminder of a document requested"), mandatory=True),
    Kind("documents.request_decided", _("A document you sent was accepted or sent back")),
    Kind("documents.request_submitted", _("A startup sent the document you asked for (staff)")),
    Kind("documents.expiring", _("A document of your vault expires soon or has expired")),
]
