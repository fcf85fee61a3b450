"""The kind of a message written by staff (docs/bulk.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [Kind("messaging.message", _("Messages from your technopark's team"))]
