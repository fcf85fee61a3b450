"""API: invoices (found by number, client or site, with their balance), credit notes and
payments (read by whoever sees the invoice; a payment recorded by the managers of the
invoice's site), through the same permission layer and services as the pages."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.billing import services
from technopark.billing.models import CreditNote, Invoice, Payment
from technopark.billing.permissions import visible_invoices
from technopark.billing.selectors import invoices_search, invoices_with_balance
from technopark.core.api_common import ErrorOut
from technopark.core.query import check_day

router = Router(tags=["billing"])


class InvoiceOut(Schema):
    id: int
    reference: str
    site: str
    startup: str
    contract: int | None
    kind: str
    period: dt.date
    issued_on: dt.date
    due_on: dt.date
    rent_mad: Decimal
    charges_mad: Decimal
    vat_mad: Decimal
    total_mad: Decimal
    paid_mad: Decimal
    credited_mad: Decimal
    balance_due_mad: Decimal
    balance_mad: Decimal
    client_name: str
    bank_rib: str
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_site(obj: Invoice) -> str:
        return obj.site.code

    @staticmethod
    def resolve_startup(obj: Invoice) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_contract(obj: Invoice) -> int | None:
        return obj.lease_id

    @staticmethod
    def resolve_balance_due_mad(obj: Invoice) -> Decimal:
        return obj.balance_due

    @staticmethod
    def resolve_balance_mad(obj: Invoice) -> Decimal:
        return Decimal(obj.balance_due).quantize(Decimal("0.01"))


class CreditNoteOut(Schema):
    id: int
    reference: str
    invoice: int
    issued_on: dt.date
    reason: str
    amount_excl_mad: Decimal
    vat_mad: Decimal
    total_mad: Decimal
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_invoice(obj: CreditNote) -> int:
        return obj.invoice_id


class PaymentOut(Schema):
    id: int
    invoice: int
    amount_mad: Decimal
    paid_on: dt.date
    method: str
    reference: str
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_invoice(obj: Payment) -> int:
        return obj.invoice_id


class PaymentIn(Schema):
    amount_mad: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    paid_on: dt.date
    method: Payment.Method = Payment.Method.TRANSFER
    reference: str = Field("", max_length=100)


def _invoices(user):
    return invoices_with_balance(visible_invoices(user)).select_related("site", "startup")


@router.get(
    "/invoices",
    response=list[InvoiceOut],
    summary="Invoices you may see (a startup's own; the staff of its site); q finds one by "
    "its number (CASA-2026-00012, 2026-12, 12)",
)
@paginate
def invoices_list(request, q: str = "", site: str = "", startup: str = "", unpaid: bool = False):
    qs = _invoices(request.user)
    if site:
        qs = qs.filter(site__code=site)
    if startup:
        qs = qs.filter(startup__ref=startup)
    if unpaid:
        qs = qs.filter(balance_mad__gt=0)
    return invoices_search(qs, q[:100]).order_by("-issued_on", "-pk")


@router.get("/invoices/{invoice_id}", response=InvoiceOut, summary="One invoice")
def invoice_get(request, invoice_id: int):
    return get_visible_or_404(_invoices(request.user), pk=invoice_id)


@router.get("/credit-notes", response=list[CreditNoteOut], summary="Credit notes you may see")
@paginate
def credit_notes_list(request, invoice: int | None = None):
    qs = CreditNote.objects.filter(invoice__in=visible_invoices(request.user))
    if invoice is not None:
        qs = qs.filter(invoice_id=invoice)
    return qs.select_related("site").order_by("-issued_on", "-pk")


@router.get("/payments", response=list[PaymentOut], summary="Payments you may see")
@paginate
def payments_list(request, invoice: int | None = None):
    qs = Payment.objects.filter(invoice__in=visible_invoices(request.user))
    if invoice is not None:
        qs = qs.filter(invoice_id=invoice)
    return qs.order_by("-paid_on", "-pk")


@router.post(
    "/invoices/{invoice_id}/payments",
    response={201: PaymentOut, 400: ErrorOut},
    summary="Record a payment (the managers of the invoice's site)",
)
def payment_create(request, invoice_id: int, payload: PaymentIn):
    invoice = get_visible_or_404(visible_invoices(request.user), pk=invoice_id)
    require(request.user, "invoice.pay", invoice, view_perm="invoice.view")
    check_day(payload.paid_on, field="paid_on")
    payment = services.payment_record(
        invoice=invoice,
        amount_mad=payload.amount_mad,
        paid_on=payload.paid_on,
        method=payload.method,
        reference=payload.reference,
        by=request.user,
    )
    return Status(201, payment)
