"""Monthly rent invoices, numbered without gaps per site and year, and their payments.

The number comes from a counter row locked in the invoice's own transaction, so two
invoices never share a number and a rolled-back invoice gives its number back.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from technopark.core.errors import DomainError
from technopark.hosting.models import Invoice, InvoiceCounter, Lease, Payment
from technopark.network.models import Site

CENT = Decimal("0.01")
PAYMENT_TERM_DAYS = 30


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


def _next_number(site: Site, year: int) -> int:
    try:
        with transaction.atomic():
            InvoiceCounter.objects.get_or_create(site=site, year=year)
    except IntegrityError:
        pass  # another transaction made the row first; lock it below
    counter = InvoiceCounter.objects.select_for_update().get(site=site, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def invoice_issue(*, lease: Lease, month: dt.date, issued_on: dt.date, by=None) -> Invoice:
    """The month's invoice of a contract; issuing twice returns the first one."""
    first, _after = month_bounds(month)
    existing = Invoice.objects.filter(lease=lease, period=first).first()
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
    vat = ((rent + charges) * Invoice.VAT_RATE).quantize(CENT, ROUND_HALF_UP)
    invoice = Invoice(
        site=lease.site,
        lease=lease,
        startup=lease.startup,
        year=issued_on.year,
        period=first,
        issued_on=issued_on,
        due_on=issued_on + dt.timedelta(days=PAYMENT_TERM_DAYS),
        rent_mad=rent,
        charges_mad=charges,
        vat_rate=Invoice.VAT_RATE,
        vat_mad=vat,
        total_mad=rent + charges + vat,
        space_label=f"{lease.space.code} · {lease.space.get_kind_display()} · "
        f"{lease.space.area_m2} m²",
        issuer_name=operator.name,
        issuer_address=operator.address or lease.site.address,
        issuer_ice=operator.ice,
        issuer_if=operator.tax_id,
        issuer_rc=operator.rc,
        issuer_rc_court=operator.rc_court,
        issuer_tp=operator.tp,
        client_name=lease.startup.name,
        client_ice=lease.startup.ice or "",
        client_address=lease.startup.city,
    )
    invoice.number = _next_number(lease.site, invoice.year)
    invoice.save()
    return invoice


@dataclass
class IssueResult:
    created: list[Invoice] = field(default_factory=list)
    existing: int = 0
    refused: list[tuple[Lease, str]] = field(default_factory=list)


def invoices_issue_month(
    *, month: dt.date, issued_on: dt.date, site: Site | None = None, by=None
) -> IssueResult:
    """Issue the month's invoice of every billable contract; safe to run again."""
    result = IssueResult()
    first, _after = month_bounds(month)
    done = set(Invoice.objects.filter(period=first).values_list("lease_id", flat=True))
    for lease in leases_billable(first, site):
        if lease.pk in done:
            result.existing += 1
            continue
        try:
            result.created.append(
                invoice_issue(lease=lease, month=first, issued_on=issued_on, by=by)
            )
        except DomainError as exc:
            result.refused.append((lease, exc.message))
    return result


def invoice_paid(invoice: Invoice) -> Decimal:
    return invoice.payments.aggregate(total=Sum("amount_mad"))["total"] or Decimal("0")


@transaction.atomic
def payment_record(
    *,
    invoice: Invoice,
    amount_mad: Decimal,
    paid_on: dt.date,
    method: str = Payment.Method.TRANSFER,
    reference: str = "",
    by,
) -> Payment:
    """Record money received; partial payments are fine, paying more than is due is not."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if amount_mad is None or amount_mad <= 0:
        raise DomainError(_("Give a positive amount."), code="bad_amount", field="amount_mad")
    due = invoice.total_mad - invoice_paid(invoice)
    if amount_mad > due:
        raise DomainError(
            _("Only %(due)s MAD remain due on this invoice.") % {"due": due},
            code="overpaid",
            field="amount_mad",
        )
    if paid_on < invoice.issued_on - dt.timedelta(days=31):
        raise DomainError(_("The payment date is before the invoice."), code="bad_date")
    return Payment.objects.create(
        invoice=invoice,
        amount_mad=amount_mad,
        paid_on=paid_on,
        method=method,
        reference=reference,
        recorded_by=by if getattr(by, "pk", None) else None,
    )
