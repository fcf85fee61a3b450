"""Credit notes ("avoirs"): an issued invoice is never changed; a credit note cancels it
in whole or in part, numbered in its own gapless series per site and year."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from technopark.billing.models import CreditNote, Invoice, InvoiceCounter
from technopark.billing.services.invoices import (
    CENT,
    _queue_sending,
    audit_actor,
    guarded,
    invoice_balance,
    lock_invoice,
    next_number,
)
from technopark.billing.services.periods import check_open
from technopark.core.actions import record
from technopark.core.errors import DomainError


def credit_note_issue(
    *,
    invoice: Invoice,
    issued_on: dt.date,
    reason: str,
    amount_mad: Decimal | None = None,
    by,
    send: bool = True,
) -> CreditNote:
    """Cancel `amount_mad` incl. VAT of the invoice (all that is left due when None).

    A credit note never exceeds what is left to pay: money already received is paid
    back by the bank, not by an avoir on an invoice that is settled. The VAT is split in
    the invoice's own proportion.
    """
    reason = (reason or "").strip()

    def check() -> tuple[Invoice, Decimal]:
        locked = lock_invoice(invoice)
        if not reason:
            raise DomainError(
                _("Give the reason of the credit note."), code="no_reason", field="reason"
            )
        left = invoice_balance(locked)
        amount = left if amount_mad is None else Decimal(amount_mad).quantize(CENT)
        if amount <= 0:
            raise DomainError(
                _("Nothing is left to credit on this invoice."),
                code="bad_amount",
                field="amount_mad",
            )
        if amount > left:
            raise DomainError(
                _("Only %(due)s MAD are left to credit on this invoice.") % {"due": left},
                code="overcredited",
                field="amount_mad",
            )
        if issued_on < locked.issued_on:
            raise DomainError(_("A credit note cannot precede its invoice."), code="bad_date")
        check_open(locked.site_id, issued_on)
        return locked, amount

    def write(checked: tuple[Invoice, Decimal]) -> CreditNote:
        locked, amount = checked
        if locked.total_mad:
            vat = (amount * locked.vat_mad / locked.total_mad).quantize(CENT, ROUND_HALF_UP)
        else:
            vat = Decimal("0.00")
        note = CreditNote(
            site=locked.site,
            invoice=locked,
            year=issued_on.year,
            issued_on=issued_on,
            reason=reason,
            amount_excl_mad=amount - vat,
            vat_mad=vat,
            total_mad=amount,
            issued_by=by if getattr(by, "pk", None) else None,
        )
        note.number = next_number(locked.site, note.year, InvoiceCounter.Series.CREDIT_NOTE)
        with audit_actor(by):
            note.save()
        record("credit_note.issued", note, by=by, startup=locked.startup_id, payload={"invoice": locked.reference, "total_mad": amount})  # fmt: skip
        if send:
            _queue_sending("credit_note", note.pk)
        return note

    return guarded(check, write)
