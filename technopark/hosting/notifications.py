"""Notification kinds of hosting: invoices, payment reminders, contracts, the waiting list
(see docs/notifications.md)."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("hosting.invoice_issued", _("Invoice issued (with its PDF)"), mandatory=True),
    Kind("hosting.credit_note_issued", _("Credit note issued (with its PDF)"), mandatory=True),
    Kind("hosting.invoice_overdue", _("Payment reminder for an overdue invoice"), mandatory=True),
    Kind("hosting.invoice_overdue_manager", _("A resident has not paid an invoice (managers)")),
    Kind("hosting.lease_ending", _("A hosting contract ends soon"), mandatory=True),
    Kind("hosting.space_offered", _("A space offered from the waiting list"), mandatory=True),
    Kind("hosting.offer_expired", _("A waiting-list offer lapsed without an answer")),
    Kind("hosting.offer_answered", _("A startup answered a waiting-list offer (managers)")),
]
