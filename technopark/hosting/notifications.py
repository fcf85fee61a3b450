"""Notification kinds of hosting: contracts, the waiting list (invoices: see
billing/notifications.py and docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("hosting.lease_ending", _("A hosting contract ends soon"), mandatory=True),
    Kind("hosting.space_offered", _("A space offered from the waiting list"), mandatory=True),
    Kind("hosting.offer_expired", _("A waiting-list offer lapsed without an answer")),
    Kind("hosting.offer_answered", _("A startup answered a waiting-list offer (managers)")),
]
