"""Writes about billing: invoices, credit notes, payments, deposits, charges.

Every function is a service (`<entity>_<verb>(*, ..., by)`): typed, atomic, raising
`DomainError` / `Conflict` with a translated message. Hosting (the month's rent, a
contract's deposit) and booking (room hire) hand billing what to bill through them.
"""

from technopark.billing.services.charges import (
    charge_add,
    charges_invoice,
    deposit_invoice,
    deposit_settle,
    room_hire_charge_month,
)
from technopark.billing.services.credit_notes import credit_note_issue
from technopark.billing.services.invoices import (
    invoice_balance,
    invoice_create,
    payment_record,
    payment_reverse,
    site_billing,
)
from technopark.billing.services.periods import check_open, closed_until, period_close
from technopark.billing.services.reminders import invoice_remind, invoice_reminders_send
from technopark.billing.services.settings import rib_is_valid, site_billing_update

__all__ = [
    "charge_add",
    "charges_invoice",
    "check_open",
    "closed_until",
    "credit_note_issue",
    "deposit_invoice",
    "deposit_settle",
    "invoice_balance",
    "invoice_create",
    "invoice_remind",
    "invoice_reminders_send",
    "payment_record",
    "payment_reverse",
    "period_close",
    "rib_is_valid",
    "room_hire_charge_month",
    "site_billing",
    "site_billing_update",
]
