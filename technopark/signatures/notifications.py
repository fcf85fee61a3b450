"""Notification kinds of electronic signatures."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("signatures.requested", _("You are asked to sign a document"), mandatory=True),
    Kind("signatures.code", _("A one-time code to sign a document (e-mail only)"), mandatory=True),
    Kind("signatures.declined", _("A signature request was declined"), mandatory=True),
    Kind("signatures.completed", _("A document was signed by everyone"), mandatory=True),
]
