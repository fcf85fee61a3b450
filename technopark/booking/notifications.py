"""Notification kinds of the booking app (see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("booking.confirmed", _("Booking confirmed"), mandatory=True),
    Kind("booking.requested", _("Booking requested, awaiting approval")),
    Kind("booking.approved", _("Booking approved"), mandatory=True),
    Kind("booking.declined", _("Booking declined"), mandatory=True),
    Kind("booking.moved", _("Booking moved"), mandatory=True),
    Kind("booking.cancelled", _("Booking cancelled"), mandatory=True),
]
