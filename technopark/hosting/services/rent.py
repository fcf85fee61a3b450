"""The month's rent: hosting hands billing each signed contract's rent and charges for
the month (`billing.services.invoice_create` numbers, freezes and sends the invoice)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import formats, translation
from django.utils.translation import gettext as _

from technopark.billing.models import Invoice
from technopark.billing.services.invoices import CENT, invoice_create, month_bounds, site_billing
from technopark.core.errors import DomainError
from technopark.hosting.models import Lease
from technopark.network.models import Site


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
    return invoice_create(
        site=lease.site,
        startup=lease.startup,
        lease=lease,
        with_unbilled_charges=True,
        kind=Invoice.Kind.RENT,
        period=first,
        issued_on=issued_on,
        billing=billing,
        lines=lines,
        space_label=space_label,
        by=by,
        send=send,
    )


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
