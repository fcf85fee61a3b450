"""Monthly rent invoices, numbered without gaps per site and year, and their payments.

The number comes from a counter row locked in the invoice's own transaction, so two
invoices never share a number and a rolled-back invoice gives its number back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import formats, translation
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.hosting.models import (
    Charge,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    Lease,
    Payment,
    SiteBilling,
    VatRate,
)
from technopark.network.models import Site

CENT = Decimal("0.01")


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """First day of the month and first day of the next."""
    first = month.replace(day=1)
    days = calendar.monthrange(first.year, first.month)[1]
    return first, first + dt.timedelta(days=days)


def leases_billable(month: dt.date, site: Site | None = None):
    """Signed contracts covering at least one day of the month."""
    first, after = month_bounds(month)
    qs = (
        Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(starts_on__lt=after)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=first))
        .select_related("site__operator", "space", "startup")
        .order_by("site_id", "space__code", "starts_on")
    )
    return qs.filter(site=site) if site is not None else qs


def _amounts(lease: Lease, month: dt.date) -> tuple[Decimal, Decimal]:
    """Rent and charges for the month, pro rata of the days the contract covers."""
    first, after = month_bounds(month)
    start = max(first, lease.starts_on)
    end = min(after, lease.ends_on) if lease.ends_on else after
    share = Decimal((end - start).days) / Decimal((after - first).days)
    rent = (lease.monthly_rent * share).quantize(CENT, ROUND_HALF_UP)
    charges = (lease.charges_mad * share).quantize(CENT, ROUND_HALF_UP)
    return rent, charges


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


@transaction.atomic
def invoice_issue(
    *, lease: Lease, month: dt.date, issued_on: dt.date, by=None, send: bool = True
) -> Invoice:
    """The month's invoice of a contract; issuing twice returns the first one.

    Once committed it is sent to the startup's founders and billing e-mail with its PDF
    (`send=False`: the demo, imports)."""
    first, _after = month_bounds(month)
    existing = Invoice.objects.filter(lease=lease, period=first, kind=Invoice.Kind.RENT).first()
    if existing is not None:
        return existing
    if lease.status == Lease.Status.DRAFT:
        raise DomainError(_("A draft contract is not invoiced."), code="draft")
    if not leases_billable(first, lease.site).filter(pk=lease.pk).exists():
        raise DomainError(_("The contract does not cover this month."), code="not_covered")
    operator = lease.site.operator
    if operator is None:
        raise DomainError(
            _("Set the site's operator (the issuer of its invoices) first."), code="no_issuer"
        )
    rent, charges = _amounts(lease, first)
    billing = site_billing(lease.site)
    rate = Decimal(billing.vat_rate)
    # An invoice is written in French whatever the page language: "Bureau · 19,5 m²".
    with translation.override("fr"):
        area = formats.number_format(lease.space.area_m2.normalize(), use_l10n=True)
        space_label = f"{lease.space.code} · {lease.space.get_kind_display()} · {area} m²"
    lines = [(f"Loyer {first:%m/%Y} · {space_label}", Decimal(1), rent, rate)]
    if charges:
        lines.append(("Charges locatives", Decimal(1), charges, rate))
    # What was charged beyond rent since the last invoice goes on this one.
    extras = list(
        Charge.objects.select_for_update()
        .filter(site=lease.site, startup=lease.startup, invoice__isnull=True)
        .filter(incurred_on__lte=issued_on)
        .order_by("incurred_on", "id")
    )
    lines += [(c.label, c.quantity, c.amount_excl_mad, c.vat_rate) for c in extras]
    return _invoice_save(
        site=lease.site,
        startup=lease.startup,
        lease=lease,
        charges=extras,
        kind=Invoice.Kind.RENT,
        period=first,
        issued_on=issued_on,
        billing=billing,
        lines=lines,
        space_label=space_label,
        by=by,
        send=send,
    )


def site_billing(site: Site) -> SiteBilling:
    """The site's billing settings (defaults until its manager fills them in)."""
    billing = SiteBilling.objects.filter(site=site).first()
    return billing if billing is not None else SiteBilling(site=site)


def _invoice_save(
    *,
    site: Site,
    startup,
    lease: Lease | None,
    kind: str,
    period: dt.date,
    issued_on: dt.date,
    billing: SiteBilling,
    lines: list[tuple[str, Decimal, Decimal, Decimal]],
    space_label: str,
    by,
    send: bool = True,
    charges: list | None = None,
    vat_mention: str | None = None,
) -> Invoice:
    """Number, freeze the mentions, save the invoice and its lines, mark the `charges` it
    bills, and queue the e-mail.

    Each line is (label, quantity, amount excl. VAT, VAT rate); VAT is rounded per line.
    """
    operator = site.operator
    if operator is None:
        raise DomainError(
            _("Set the site's operator (the issuer of its invoices) first."), code="no_issuer"
        )
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
        lease=lease,
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


def _queue_sending(kind: str, pk: int) -> None:
    from technopark.hosting.services.notices import billing_document_queue

    billing_document_queue(kind, pk)


VAT_RATES = {choice.value: Decimal(choice.value) for choice in VatRate}


@dataclass
class IssueResult:
    created: list[Invoice] = field(default_factory=list)
    existing: int = 0
    refused: list[tuple[Lease, str]] = field(default_factory=list)


def invoices_issue_month(
    *, month: dt.date, issued_on: dt.date, site: Site | None = None, by=None, send: bool = True
) -> IssueResult:
    """Issue the month's invoice of every billable contract; safe to run again."""
    result = IssueResult()
    first, _after = month_bounds(month)
    done = set(
        Invoice.objects.filter(period=first, kind=Invoice.Kind.RENT).values_list(
            "lease_id", flat=True
        )
    )
    for lease in leases_billable(first, site):
        if lease.pk in done:
            result.existing += 1
            continue
        try:
            result.created.append(
                invoice_issue(lease=lease, month=first, issued_on=issued_on, by=by, send=send)
            )
        except DomainError as exc:
            result.refused.append((lease, exc.message))
    return result


def invoice_paid(invoice: Invoice) -> Decimal:
    return invoice.payments.aggregate(total=Sum("amount_mad"))["total"] or Decimal("0")


def invoice_credited(invoice: Invoice) -> Decimal:
    return invoice.credit_notes.aggregate(total=Sum("total_mad"))["total"] or Decimal("0")


def invoice_balance(invoice: Invoice) -> Decimal:
    """Left to pay: the total less payments and credit notes (read under the row lock)."""
    return invoice.total_mad - invoice_paid(invoice) - invoice_credited(invoice)


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


def audit_actor(by):
    """The audit log's actor for writes made outside a request (commands, demo, tasks)."""
    from contextlib import nullcontext

    from auditlog.context import set_actor

    return set_actor(by) if getattr(by, "pk", None) else nullcontext()
