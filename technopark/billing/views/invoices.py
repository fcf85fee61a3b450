"""Invoices: a site's invoices and arrears, one invoice (HTML and PDF), payments."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.billing import documents, services
from technopark.billing.forms import CreditNoteForm, MonthForm, PaymentForm
from technopark.billing.permissions import visible_invoices
from technopark.billing.selectors import arrears, invoice_number_q, invoices_with_balance
from technopark.billing.views.common import can_manage, site_for, today
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.query import page_month
from technopark.core.selection import bulk_context


def _month(request) -> dt.date:
    return page_month(request, "month", today().replace(day=1))


def invoice_listing(request, site_obj) -> Listing:
    """The site's invoices as the list shows them (its search and filters): the page's,
    and the bulk actions' "all matching" (`billing/bulk.py`)."""
    month = _month(request)
    site_invoices = visible_invoices(request.user).filter(site=site_obj)
    day = today()

    def by_state(qs, value):
        if value == "month":  # the month's invoices, whatever their state
            # a number typed in the search box is found whatever its month
            return qs if invoice_number_q(request.GET.get("q", "")) else qs.filter(period=month)
        if value == "paid":  # credit notes settle too
            return qs.filter(balance_mad__lte=0)
        qs = qs.filter(balance_mad__gt=0)
        return qs.filter(due_on__lt=day) if value == "overdue" else qs

    return Listing(
        request,
        invoices_with_balance(site_invoices),
        search=("client_name", "startup__ref", "space_label"),
        search_q=invoice_number_q,
        filters={
            "state": Filter(
                _("Invoices"),
                [
                    ("month", _("Of the month shown")),
                    ("unpaid", _("Unpaid, every month")),
                    ("overdue", _("Past their due date, unpaid")),
                    ("paid", _("Paid, every month")),
                ],
                by_state,
                default="month",
            )
        },
        sorts={
            "number": Sort(pgettext("invoice", "Number"), ("year", "number")),
            "due": Sort(_("Due date"), ("due_on", "number")),
            "client": Sort(_("Client"), ("client_name", "year", "number")),
        },
        columns=[
            Column(pgettext("invoice", "Number"), lambda i: i.reference),
            Column(_("Client"), lambda i: i.client_name),
            Column(_("Issued"), lambda i: i.issued_on),
            Column(_("Due"), lambda i: i.due_on),
            Column(_("Total incl. VAT"), lambda i: i.total_mad),
            Column(_("Paid"), lambda i: i.paid_mad),
        ],
        export_name=f"invoices-{site_obj.code}",
    )


@login_required
def invoice_list(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site)
    month = _month(request)
    site_invoices = visible_invoices(request.user).filter(site=site_obj)
    day = today()
    listing = invoice_listing(request, site_obj)
    if listing.export:
        return listing.export_response()
    invoices = listing.rows
    totals = listing.queryset.aggregate(total=Sum("total_mad"))
    late = arrears(site_invoices, day)
    return render(
        request,
        "billing/invoice_list.html",
        {
            "site": site_obj,
            "month": month,
            "prev": (month - dt.timedelta(days=1)).replace(day=1),
            "next": (month + dt.timedelta(days=32)).replace(day=1),
            "invoices": invoices,
            "listing": listing,
            "total": totals["total"],
            "arrears": late,
            "arrears_total": sum((a.due_mad for a in late), 0),
            "issue_form": MonthForm(initial={"month": month}),
            "can_manage": can_manage(request, site_obj),
            "overdue": listing.values.get("state") == "overdue",
            "bulk": bulk_context(request, "billing.invoices", site_obj.code, listing),
        },
    )


def _invoice(request, pk: int):
    invoice = get_visible_or_404(invoices_with_balance(visible_invoices(request.user)), pk=pk)
    require(request.user, "invoice.view", invoice, view_perm="invoice.view")
    return invoice


@login_required
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    can_pay = can(request.user, "invoice.pay", invoice)
    context = documents.invoice_context(invoice)
    balance = context["balance"]
    context.update(
        {
            "payments": invoice.payments.all(),
            "reminders": invoice.reminders.select_related("sent_by"),
            "can_remind": can(request.user, "invoice.remind", invoice)
            and balance > 0
            and invoice.due_on < today(),
            "can_pay": can_pay,
            "payment_form": PaymentForm(initial={"paid_on": today()}) if can_pay else None,
            "pdf_languages": documents.languages_first(getattr(request.user, "language", "")),
            "credit_form": CreditNoteForm(initial={"amount_mad": balance})
            if can_pay and balance > 0
            else None,
        }
    )
    return render(request, "billing/invoice_detail.html", context)


def pdf_language(request: HttpRequest) -> str:
    """`?lang=`: French (the default, the legal copy), or a translation; else 404."""
    lang = request.GET.get("lang", documents.LEGAL_LANGUAGE)
    if lang not in documents.INVOICE_LANGUAGES:
        raise Http404(_("This document does not exist in that language."))
    return lang


def pdf_filename(stem: str, reference: str, lang: str) -> str:
    suffix = "" if lang == documents.LEGAL_LANGUAGE else f"-{lang}"
    return f"{stem}-{reference}{suffix}.pdf"


@login_required
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The invoice in French (the legal copy, the default), or `?lang=ar|en`: a translation."""
    invoice = _invoice(request, pk)
    lang = pdf_language(request)
    response = HttpResponse(documents.invoice_pdf(invoice, lang), content_type="application/pdf")
    name = pdf_filename("facture", invoice.reference, lang)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def receipt_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt of a settled invoice, in French (`?lang=fr`) or Arabic (`?lang=ar`);
    an invoice not settled by a payment has none (404)."""
    invoice = _invoice(request, pk)
    if not invoice.has_receipt:
        raise Http404
    lang = request.GET.get("lang", "fr")
    if lang not in documents.RECEIPT_LANGUAGES:
        raise Http404
    response = HttpResponse(documents.receipt_pdf(invoice, lang), content_type="application/pdf")
    name = f"quittance-{invoice.reference}-{lang}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
@require_POST
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    require(request.user, "invoice.pay", invoice, view_perm="invoice.view")
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.payment_record(invoice=invoice, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Payment recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("billing:invoice_detail", pk=pk)


@login_required
@require_POST
def invoice_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a payment reminder now, by hand (the service refuses a paid invoice, one not
    yet due, a second one the same day)."""
    invoice = _invoice(request, pk)
    require(request.user, "invoice.remind", invoice, view_perm="invoice.view")
    try:
        services.invoice_remind(invoice=invoice, today=today(), by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The reminder was sent."))
    return redirect("billing:invoice_detail", pk=pk)
