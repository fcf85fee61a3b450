"""Reads about billing: invoices with their balance, arrears, the aged balance."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from technopark.billing.models import (
    CreditNote,
    HistoricalInvoice,
    Invoice,
    Payment,
    PaymentReversal,
)

_PAID = Subquery(
    Payment.objects.filter(invoice=OuterRef("pk"))
    .values("invoice")
    .annotate(total=Sum("amount_mad"))
    .values("total"),
    output_field=DecimalField(max_digits=12, decimal_places=2),
)


_REVERSED = Subquery(
    PaymentReversal.objects.filter(invoice=OuterRef("pk"))
    .values("invoice")
    .annotate(total=Sum("amount_mad"))
    .values("total"),
    output_field=DecimalField(max_digits=12, decimal_places=2),
)


_CREDITED = Subquery(
    CreditNote.objects.filter(invoice=OuterRef("pk"))
    .values("invoice")
    .annotate(total=Sum("total_mad"))
    .values("total"),
    output_field=DecimalField(max_digits=12, decimal_places=2),
)


def invoices_with_balance(qs: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Invoices annotated with `paid_mad`, `credited_mad` and `balance_mad` (the total
    less both: `Invoice.balance_due`, computed by the database, to filter and sort on)."""
    return (
        qs.annotate(
            paid_mad=Coalesce(_PAID, Value(Decimal("0")), output_field=DecimalField())
            - Coalesce(_REVERSED, Value(Decimal("0")), output_field=DecimalField()),
            credited_mad=Coalesce(_CREDITED, Value(Decimal("0")), output_field=DecimalField()),
        )
        .annotate(balance_mad=F("total_mad") - F("paid_mad") - F("credited_mad"))
        .select_related("site", "startup")
    )


@dataclass
class Arrears:
    startup_id: int
    startup_name: str
    startup_ref: str
    invoices: int
    due_mad: Decimal
    oldest_due_on: dt.date


def arrears(invoices: QuerySet[Invoice], today: dt.date) -> list[Arrears]:
    """Per startup: unpaid balances of invoices past their due date, largest first.

    Summed by the database, one row per startup (not one invoice object per unpaid
    invoice): the site's invoice list shows it above every page."""
    rows = (
        invoices_with_balance(invoices.filter(due_on__lt=today))
        .filter(balance_mad__gt=0)
        .values("startup_id", "startup__name", "startup__ref")
        .annotate(n=Count("pk"), due=Sum("balance_mad"), oldest=Min("due_on"))
        .order_by()
    )
    found = [
        Arrears(
            r["startup_id"], r["startup__name"], r["startup__ref"], r["n"], r["due"], r["oldest"]
        )
        for r in rows
    ]
    return sorted(found, key=lambda a: (-a.due_mad, a.startup_name, a.startup_id))


AGE_BUCKETS = (
    ("0-30", _("0–30 days"), 0, 30),
    ("31-60", _("31–60 days"), 31, 60),
    ("61-90", _("61–90 days"), 61, 90),
    ("90+", _("Over 90 days"), 91, None),
)


@dataclass
class AgedDebt:
    site_code: str
    startup_name: str
    startup_ref: str
    client_ice: str
    buckets: dict[str, Decimal]
    # Of the total, what is owed on invoices issued before the platform.
    before_platform: Decimal = Decimal("0")
    # The platform's own invoices of the row (a reminder can be sent for them).
    invoice_ids: list[int] = field(default_factory=list)

    @property
    def ids(self) -> str:
        return ",".join(str(pk) for pk in self.invoice_ids)

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), Decimal("0"))


def arrears_by_age(
    invoices: QuerySet[Invoice],
    today: dt.date,
    historical: QuerySet[HistoricalInvoice] | None = None,
) -> list[AgedDebt]:
    """Per site and startup, unpaid balances past due by age since the due date
    (0–30, 31–60, 61–90, over 90 days), largest debt first. The unpaid invoices issued
    before the platform (`historical`) count too, and their part is `before_platform`."""
    rows: dict[tuple[int, int], AgedDebt] = {}

    def add(invoice, balance: Decimal, client_ice: str, before: bool) -> None:
        key = (invoice.site_id, invoice.startup_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = AgedDebt(
                invoice.site.code,
                invoice.startup.name,
                invoice.startup.ref,
                client_ice,
                {name: Decimal("0") for name, _label, _lo, _hi in AGE_BUCKETS},
            )
        age = (today - invoice.due_on).days
        for name, _label, low, high in AGE_BUCKETS:
            if age >= low and (high is None or age <= high):
                row.buckets[name] += balance
                break
        if before:
            row.before_platform += balance
        else:
            row.invoice_ids.append(invoice.pk)

    for invoice in invoices_with_balance(invoices.filter(due_on__lt=today)).filter(
        balance_mad__gt=0
    ):
        balance = invoice.balance_due
        if balance > 0:
            add(invoice, balance, invoice.client_ice, False)
    if historical is not None:
        for old in historical_unpaid(historical, today):
            add(old, old.balance_due, old.startup.ice or "", True)
    return sorted(rows.values(), key=lambda r: (r.site_code, -r.total))


def historical_unpaid(
    historical: QuerySet[HistoricalInvoice], today: dt.date
) -> QuerySet[HistoricalInvoice]:
    """The invoices issued before the platform left (partly) unpaid past their due date."""
    return (
        historical.filter(due_on__lt=today, paid_mad__lt=F("total_mad"))
        .exclude(status=HistoricalInvoice.Status.CANCELLED)
        .select_related("site", "startup")
    )


def age_totals(rows: list[AgedDebt]) -> dict[str, Decimal]:
    totals = {name: Decimal("0") for name, _label, _lo, _hi in AGE_BUCKETS}
    for row in rows:
        for name, amount in row.buckets.items():
            totals[name] += amount
    return totals


# "CASA-2026-00012" (as printed), "2026-00012", "2026-12" or "12" (the number alone); a
# credit note's "AV-CASA-2026-00003" finds the invoice it corrects.
_REFERENCE = re.compile(
    r"^(?:AV-)?(?:(?P<site>[A-Z0-9][A-Z0-9_-]*?)-)?(?P<year>\d{4})-(?P<number>\d{1,7})$"
)
_NUMBER = re.compile(r"^\d{1,7}$")


def invoice_number_q(text: str) -> Q | None:
    """The invoices a typed number designates, or None when the text is not a number.

    One reading of an invoice's number for the lists' search box and the API."""
    text = (text or "").strip().upper().replace(" ", "")
    if _NUMBER.match(text):
        return Q(number=int(text))
    match = _REFERENCE.match(text)
    if match is None:
        return None
    if text.startswith("AV-"):
        q = Q(credit_notes__year=int(match["year"]), credit_notes__number=int(match["number"]))
        if match["site"]:
            q &= Q(credit_notes__site__code__iexact=match["site"])
        return q
    q = Q(year=int(match["year"]), number=int(match["number"]))
    if match["site"]:
        q &= Q(site__code__iexact=match["site"])
    return q


def invoices_search(qs: QuerySet[Invoice], text: str) -> QuerySet[Invoice]:
    """Invoices whose number, client name or reference, or space matches `text`."""
    text = (text or "").strip()
    if not text:
        return qs
    q = Q(client_name__icontains=text) | Q(startup__ref__icontains=text)
    q |= Q(space_label__icontains=text)
    by_number = invoice_number_q(text)
    if by_number is not None:
        q |= by_number
    return qs.filter(q).distinct()
