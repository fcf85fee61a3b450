"""Notification kinds of community life (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("community.confirmed", _("Event registration confirmed"), mandatory=True),
    Kind("community.promoted", _("A seat freed up for you at an event"), mandatory=True),
    Kind("community.waitlisted", _("On an event's waiting list")),
    Kind("community.pending", _("Event registration awaiting approval")),
    Kind("community.rejected", _("Event registration declined"), mandatory=True),
    Kind("community.event_cancelled", _("Event cancelled"), mandatory=True),
    Kind("community.reminder", _("Reminder the day before an event")),
    Kind("community.guest_confirm", _("Confirm your event registration (guests)"), mandatory=True),
    Kind("community.approval_requested", _("An event registration awaits your approval")),
    Kind("community.cohort_event", _("An event for your program's cohort")),
    Kind("community.certificate", _("Thanks for coming, with the certificate of attendance")),
]
