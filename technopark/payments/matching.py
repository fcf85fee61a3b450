"""Which invoice a bank credit pays (docs/payments.md, "Matching").

1. The label holds an invoice number (`SA-2026-00042`, spaces, dots or slashes instead of
   the dashes, leading zeros optional): that invoice, if it has something left due -> recorded.
2. Otherwise the open invoices whose balance is exactly that amount and whose client's name
   or ICE appears in the label or the payer's name: the oldest due -> proposed (staff
   confirm with one click, or assign another).
3. Anything else waits for a person.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import F
from django.utils.translation import gettext as _

from technopark.payments import ledger

NUMBER = re.compile(r"\b([A-Z][A-Z0-9]{0,9})[\s\-_./]*(20\d\d)[\s\-_./]*0*(\d{1,6})\b")


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^A-Z0-9]+", " ", text.upper()).strip()


def _open(qs):
    return ledger.invoices_with_balance(qs).filter(total_mad__gt=F("paid_mad") + F("credited_mad"))


def invoice_numbers(label: str) -> list[tuple[str, int, int]]:
    return [(site, int(year), int(num)) for site, year, num in NUMBER.findall(label.upper())]


def match(credit, *, site=None):
    """(kind, invoice, reason): kind is "matched", "proposed" or "unknown"."""
    invoices = ledger.Invoice.objects.all()
    if site is not None:
        invoices = invoices.filter(site=site)
    text = f"{credit.label} {credit.counterparty}"
    for code, year, number in invoice_numbers(text):
        found = (
            _open(invoices.filter(site__code__iexact=code, year=year, number=number))
            .select_related("site", "startup")
            .first()
        )
        if found is not None:
            return "matched", found, _("Invoice number in the label")
    words = f" {_plain(text)} "
    candidates = [
        inv
        for inv in _open(invoices)
        .annotate(due=F("total_mad") - F("paid_mad") - F("credited_mad"))
        .filter(due=credit.amount)
        .select_related("startup")
        .order_by("due_on", "year", "number")[:200]
        if (
            (_plain(inv.startup.name) and f" {_plain(inv.startup.name)} " in words)
            or (inv.client_ice and inv.client_ice in words.replace(" ", ""))
        )
    ]
    if len(candidates) == 1:
        return "proposed", candidates[0], _("Same amount and client")
    if candidates:
        return "proposed", candidates[0], _("Same amount and client, the oldest of several")
    return "unknown", None, ""
