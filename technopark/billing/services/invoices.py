"""Invoices, numbered without gaps per site and year, and their payments.

The number comes from a counter row locked in the invoice's own transaction, so two
invoices never share a number and a rolled-back invoice gives its number back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from technopark.billing.models import (
    Charge,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    Payment,
    PaymentReversal,
    SiteBilling,
    VatRate,
)
from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.network.models import Site

CENT = Decimal("0.01")


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """First day of the month and first day of the next."""
    first = month.replace(day=1)
    days = calendar.monthrange(first.year, first.month)[1]
    return first, first + dt.timedelta(days=days)


def next_number(site: Site, year: int, series: str = InvoiceCounter.Series.INVOICE) -> int:
    """The next number of a series; call inside the transaction that saves the document."""
    try:
        with transaction.atomic():
            InvoiceCounter.objects.get_or_create(site=site, year=year, series=series)
    except IntegrityError:
        pass  # another transaction made the row first; lock it below
    counter = InvoiceCounter.objects.select_for_update().get(site=site, year=year, series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def site_billing(site: Site) -> SiteBilling:
    """The site's billing settings (defaults until its manager fills them in)."""
    billing = SiteBilling.objects.filter(site=site).first()
    return billing if billing is not None else SiteBilling(site=site)


@transaction.atomic
def invoice_create(
    *,
    site: Site,
    startup,
    lease=None,
    lease_id: int | None = None,
    kind: str,
    period: dt.date,
    issued_on: dt.date,
    lines: list[tuple[str, Decimal, Decimal, Decimal]],
    space_label: str,
    by,
    billing: SiteBilling | None = None,
    send: bool = True,
    charges: list | None = None,
    with_unbilled_charges: bool = False,
    vat_mention: str | None = None,
) -> Invoice:
    """Issue an invoice for what hosting, booking or a page hands billing: number it,
    freeze the mentions, save it and its lines, mark the `charges` it bills, and queue
    the e-mail. `lease` is the contract it bills, if any; `with_unbilled_charges` adds
    the client's charges at the site not yet invoiced (up to the issue date).

    Each line is (label, quantity, amount excl. VAT, VAT rate); VAT is rounded per line.
    """
    operator = site.operator
    if operator is None:
        raise DomainError(
            _("Set the site's operator (the issuer of its invoices) first."), code="no_issuer"
        )
    from technopark.billing.services.periods import check_open

    check_open(site, issued_on)
    billing = billing if billing is not None else site_billing(site)
    if not billing.rib:
        # An invoice tells the client where to pay: without the site's RIB it cannot.
        raise DomainError(
            _(
                "%(site)s has no bank details (RIB) to print on its invoices: enter them "
                "in the site's billing settings first."
            )
            % {"site": site.name},
            code="no_rib",
        )
    lines = list(lines)
    if with_unbilled_charges:
        charges = list(charges or []) + unbilled_charges(site, startup, issued_on)
        lines += [(c.label, c.quantity, c.amount_excl_mad, c.vat_rate) for c in charges]
    built = []
    for position, (label, quantity, amount, rate) in enumerate(lines, start=1):
        amount = amount.quantize(CENT, ROUND_HALF_UP)
        built.append(
            InvoiceLine(
                position=position,
                label=label,
                quantity=quantity,
                unit_price_mad=(amount / quantity).quantize(CENT, ROUND_HALF_UP),
                vat_rate=rate,
                amount_excl_mad=amount,
                vat_mad=(amount * rate).quantize(CENT, ROUND_HALF_UP),
            )
        )
    # rent_mad is the rent line of a rent invoice; everything else counts as charges.
    rent_lines = built[:1] if kind == Invoice.Kind.RENT else []
    rent = sum((li.amount_excl_mad for li in rent_lines), Decimal("0"))
    others = sum((li.amount_excl_mad for li in built[len(rent_lines) :]), Decimal("0"))
    vat = sum((li.vat_mad for li in built), Decimal("0"))
    exempt = any(li.vat_rate == 0 for li in built)
    invoice = Invoice(
        site=site,
        lease_id=lease.pk if lease is not None else lease_id,
        startup=startup,
        kind=kind,
        year=issued_on.year,
        period=period,
        issued_on=issued_on,
        due_on=issued_on + dt.timedelta(days=billing.payment_term_days),
        rent_mad=rent,
        charges_mad=others,
        vat_rate=max((li.vat_rate for li in built), default=Decimal("0")),
        vat_mad=vat,
        total_mad=rent + others + vat,
        space_label=space_label,
        issuer_name=operator.name,
        issuer_address=operator.address or site.address,
        issuer_ice=operator.ice,
        issuer_if=operator.tax_id,
        issuer_rc=operator.rc,
        issuer_rc_court=operator.rc_court,
        issuer_tp=operator.tp,
        issuer_cnss=billing.cnss,
        bank_name=billing.bank_name,
        bank_rib=billing.rib,
        payment_terms=billing.payment_terms
        or f"Virement bancaire à {billing.payment_term_days} jours",
        vat_mention=vat_mention
        if vat_mention is not None
        else (billing.vat_exemption_mention if exempt else ""),
        client_name=startup.name,
        client_ice=startup.ice or "",
        client_if=startup.tax_id,
        client_rc=startup.rc,
        client_rc_court=startup.rc_court,
        client_address=startup.address or startup.city,
        client_email=startup.billing_email or startup.email,
    )
    invoice.number = next_number(site, invoice.year)
    with audit_actor(by):
        invoice.save()
    for line in built:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(built)
    if charges:
        Charge.objects.filter(pk__in=[c.pk for c in charges]).update(invoice=invoice)
    record("invoice.issued", invoice, by=by, payload={"number": invoice.reference, "kind": kind, "issued_on": issued_on, "due_on": invoice.due_on, "total_mad": invoice.total_mad})  # fmt: skip
    if send:
        _queue_sending("invoice", invoice.pk)
    return invoice


def unbilled_charges(site: Site, startup, upto: dt.date) -> list[Charge]:
    """The client's charges at the site not yet invoiced, incurred by `upto`, locked."""
    return list(
        Charge.objects.select_for_update()
        .filter(site=site, startup=startup, invoice__isnull=True, incurred_on__lte=upto)
        .order_by("incurred_on", "id")
    )


def _queue_sending(kind: str, pk: int) -> None:
    from technopark.billing.services.notices import billing_document_queue

    billing_document_queue(kind, pk)


VAT_RATES = {choice.value: Decimal(choice.value) for choice in VatRate}


def invoice_balance(invoice: Invoice) -> Decimal:
    """Left to pay: the total less payments and credit notes (`Invoice.balance_due`);
    read on the locked row, fresh from the database."""
    return Invoice.objects.get(pk=invoice.pk).balance_due


@dataclass
class RaceGuard:
    """Test-only switch for the control run of the concurrency tests: with
    `serialise=False` the invoice row is read without a lock and the service pauses
    between its check and its write, which is the race the guard prevents."""

    serialise: bool = True
    pause_seconds: float = 0.0


GUARD = RaceGuard()


def lock_invoice(invoice: Invoice) -> Invoice:
    """The invoice, locked for the rest of the transaction (payments and credit notes on
    one invoice wait for each other, so together they never exceed its total).

    On SQLite the IMMEDIATE transaction already serialises writers."""
    qs = Invoice.objects.select_related("site", "startup", "lease")
    if GUARD.serialise:
        qs = qs.select_for_update(of=("self",))
    return qs.get(pk=invoice.pk)


def guarded(check, write):
    """Run `check` (which reads the locked invoice and raises) then `write`, in one
    transaction holding the invoice's lock; in the control run (GUARD off), the naive
    way: check in autocommit, pause, then write."""
    if GUARD.serialise:
        with transaction.atomic():
            return write(check())
    checked = check()
    time.sleep(GUARD.pause_seconds)
    with transaction.atomic():
        return write(checked)


def payment_record(
    *,
    invoice: Invoice,
    amount_mad: Decimal,
    paid_on: dt.date,
    method: str = Payment.Method.TRANSFER,
    reference: str = "",
    by,
) -> Payment:
    """Record money received; partial payments are fine, paying more than is left due
    (after payments and credit notes) is not."""

    def check() -> Invoice:
        locked = lock_invoice(invoice)
        if amount_mad is None or amount_mad <= 0:
            raise DomainError(_("Give a positive amount."), code="bad_amount", field="amount_mad")
        due = invoice_balance(locked)
        if amount_mad > due:
            raise DomainError(
                _("Only %(due)s MAD remain due on this invoice.") % {"due": due},
                code="overpaid",
                field="amount_mad",
            )
        if paid_on < locked.issued_on - dt.timedelta(days=31):
            raise DomainError(_("The payment date is before the invoice."), code="bad_date")
        from technopark.billing.services.periods import check_open

        check_open(locked.site_id, paid_on, field="paid_on")
        return locked

    def write(locked: Invoice) -> Payment:
        with audit_actor(by):
            payment = Payment.objects.create(
                invoice=locked,
                amount_mad=amount_mad,
                paid_on=paid_on,
                method=method,
                reference=reference,
                recorded_by=by if getattr(by, "pk", None) else None,
            )
        record("payment.recorded", payment, by=by, startup=locked.startup_id, site=locked.site_id, payload={"invoice": locked.reference, "amount_mad": amount_mad, "paid_on": paid_on})  # fmt: skip
        return payment

    return guarded(check, write)


def payment_reverse(*, payment: Payment, reason: str, reversed_on: dt.date, by) -> PaymentReversal:
    """Give a payment back (a card payment refunded): recorded as its reversal, with the
    reason; the invoice's balance reopens by its amount. Once per payment (the database's
    one-to-one refuses a second), never in a closed period."""
    from technopark.billing.services.periods import check_open

    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason."), code="no_reason", field="reason")
    with transaction.atomic(), audit_actor(by):
        locked = lock_invoice(payment.invoice)
        if PaymentReversal.objects.filter(payment=payment).exists():
            raise DomainError(_("This payment was already given back."), code="already_reversed")
        check_open(locked.site_id, reversed_on, field="reversed_on")
        reversal = PaymentReversal.objects.create(
            payment=payment,
            invoice=locked,
            amount_mad=payment.amount_mad,
            reversed_on=reversed_on,
            reason=reason[:300],
            reversed_by=by if getattr(by, "pk", None) else None,
        )
        record(
            "payment.reversed",
            reversal,
            by=by,
            startup=locked.startup_id,
            site=locked.site_id,
            label=f"{locked.reference}: {reversal.amount_mad}",
            payload={
                "invoice": locked.reference,
                "payment": payment.pk,
                "amount_mad": reversal.amount_mad,
                "reversed_on": reversed_on,
            },
        )
        return reversal


def audit_actor(by):
    """The audit log's actor for writes made outside a request (commands, demo, tasks)."""
    from contextlib import nullcontext

    from auditlog.context import set_actor

    return set_actor(by) if getattr(by, "pk", None) else nullcontext()
