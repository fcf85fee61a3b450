"""Notification kinds of the guichet unique (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("desk.booked", _("Your partner-desk appointment is booked"), mandatory=True),
    Kind("desk.moved", _("Your partner-desk appointment was moved"), mandatory=True),
    Kind("desk.cancelled", _("Your partner-desk appointment was cancelled"), mandatory=True),
    Kind("desk.reminder", _("Reminder the day before a partner-desk appointment")),
    Kind("desk.agent_booked", _("A startup booked an appointment at your desk (agents)")),
    Kind("desk.agent_moved", _("An appointment at your desk was moved (agents)")),
    Kind("desk.agent_cancelled", _("An appointment at your desk was cancelled (agents)")),
    Kind("desk.file_step", _("A step of your file across the partner desks moved"), mandatory=True),
]
