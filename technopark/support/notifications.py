"""Notification kinds of the services catalogue (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("support.request_new", _("A new support request in your queue")),
    Kind("support.request_answered", _("Your support request is answered")),
    Kind("support.request_closed", _("Your support request is closed"), mandatory=True),
    Kind("support.session_proposed", _("An expert session is proposed to you"), mandatory=True),
    Kind("support.session_accepted", _("The expert accepted the session"), mandatory=True),
    Kind("support.session_declined", _("The expert declined the session"), mandatory=True),
    Kind("support.session_cancelled", _("An expert session is cancelled"), mandatory=True),
]
