"""Writes about hosting: contracts, the waiting list, invoices and payments.

Every function is a service (`<entity>_<verb>(*, ..., by)`): typed, atomic, raising
`DomainError` / `Conflict` with a translated message.
"""

from technopark.hosting.services.charges import (
    charge_add,
    charges_invoice,
    deposit_invoice,
    deposit_settle,
    room_hire_charge_month,
)
from technopark.hosting.services.credit_notes import credit_note_issue
from technopark.hosting.services.invoices import (
    invoice_issue,
    invoices_issue_month,
    payment_record,
    site_billing,
)
from technopark.hosting.services.leases import (
    lease_attach_scan,
    lease_create,
    lease_end,
    lease_give_notice,
    lease_move,
    lease_renew,
    lease_sign,
    leases_bulk_create,
)
from technopark.hosting.services.reminders import invoice_reminders_send, lease_reminders_send
from technopark.hosting.services.waiting import (
    waiting_accept,
    waiting_add,
    waiting_decline,
    waiting_offer,
    waiting_offers_expire,
    waiting_withdraw,
)

__all__ = [
    "charge_add",
    "charges_invoice",
    "deposit_invoice",
    "deposit_settle",
    "room_hire_charge_month",
    "credit_note_issue",
    "invoice_issue",
    "invoice_reminders_send",
    "invoices_issue_month",
    "lease_attach_scan",
    "lease_create",
    "lease_end",
    "lease_give_notice",
    "lease_move",
    "lease_reminders_send",
    "lease_renew",
    "lease_sign",
    "leases_bulk_create",
    "payment_record",
    "site_billing",
    "waiting_accept",
    "waiting_add",
    "waiting_decline",
    "waiting_offer",
    "waiting_offers_expire",
    "waiting_withdraw",
]
