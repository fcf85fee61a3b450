"""Notification kinds of billing: invoices, credit notes, payment reminders (see
docs/notifications.md). They keep the `hosting.` codes they had before billing was its own
app: people's preferences and the e-mail log name them."""

from django.utils.translation import gettext_lazy as _

from technopark.notifications.kinds import Kind

KINDS = [
    Kind("hosting.invoice_issued", _("Invoice issued (with its PDF)"), mandatory=True),
    Kind("hosting.credit_note_issued", _("Credit note issued (with its PDF)"), mandatory=True),
    Kind("hosting.invoice_overdue", _("Payment reminder for an overdue invoice"), mandatory=True),
    Kind("hosting.invoice_overdue_manager", _("A resident has not paid an invoice (managers)")),
]
