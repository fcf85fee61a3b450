"""API: the invoices you may see, found by number, client or site, with their balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.billing.permissions import visible_invoices
from technopark.billing.selectors import invoices_search, invoices_with_balance

router = Router(tags=["billing"])


class InvoiceOut(Schema):
    id: int
    reference: str
    site: str
    client: str
    client_ref: str
    kind: str
    period: dt.date
    issued_on: dt.date
    due_on: dt.date
    total_mad: Decimal
    balance_mad: Decimal
    bank_rib: str

    @staticmethod
    def resolve_site(obj) -> str:
        return obj.site.code

    @staticmethod
    def resolve_client(obj) -> str:
        return obj.client_name

    @staticmethod
    def resolve_client_ref(obj) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_balance_mad(obj) -> Decimal:
        return Decimal(obj.balance_due).quantize(Decimal("0.01"))


@router.get(
    "/invoices",
    response=list[InvoiceOut],
    summary="Invoices you may see; q finds one by its number (CASA-2026-00012, 2026-12, 12)",
)
@paginate
def invoices_list(request, q: str = "", site: str = "", startup: str = "", unpaid: bool = False):
    qs = invoices_with_balance(visible_invoices(request.user))
    if site:
        qs = qs.filter(site__code=site)
    if startup:
        qs = qs.filter(startup__ref=startup)
    if unpaid:
        qs = qs.filter(balance_mad__gt=0)
    return invoices_search(qs, q[:100]).order_by("-issued_on", "-year", "-number")
