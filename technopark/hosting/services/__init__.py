"""Writes about hosting: contracts, the waiting list, the month's rent (billing's services
issue the invoices, see `technopark.billing.services`).

Every function is a service (`<entity>_<verb>(*, ..., by)`): typed, atomic, raising
`DomainError` / `Conflict` with a translated message.
"""

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
from technopark.hosting.services.reminders import lease_reminders_send
from technopark.hosting.services.rent import invoice_issue, invoices_issue_month
from technopark.hosting.services.waiting import (
    resident_access_set,
    waiting_accept,
    waiting_add,
    waiting_decline,
    waiting_offer,
    waiting_offers_expire,
    waiting_withdraw,
)

__all__ = [
    "invoice_issue",
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
    "resident_access_set",
    "waiting_accept",
    "waiting_add",
    "waiting_decline",
    "waiting_offer",
    "waiting_offers_expire",
    "waiting_withdraw",
]
