"""Credit notes, the arrears by age (site and network) and the accountant's journal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.billing import documents, services
from technopark.billing.forms import CloseForm, CreditNoteForm, PeriodForm, SiteBillingForm
from technopark.billing.journal import HEADERS, journal_csv, journal_entries
from technopark.billing.models import CreditNote
from technopark.billing.permissions import (
    billing_sites,
    visible_historical_invoices,
    visible_invoices,
)
from technopark.billing.selectors import AGE_BUCKETS, age_totals, arrears_by_age
from technopark.billing.views.common import can_manage, site_clients, site_for, today
from technopark.billing.views.invoices import _invoice, pdf_filename, pdf_language
from technopark.core.csv_export import csv_content, csv_identifier
from technopark.core.errors import DomainError
from technopark.core.selection import bulk_context
from technopark.core.xlsx import xlsx_response


@login_required
@require_POST
def credit_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    require(request.user, "invoice.pay", invoice, view_perm="invoice.view")
    form = CreditNoteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("billing:invoice_detail", pk=pk)
    try:
        note = services.credit_note_issue(
            invoice=invoice,
            issued_on=today(),
            reason=form.cleaned_data["reason"],
            amount_mad=form.cleaned_data["amount_mad"],
            by=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("billing:invoice_detail", pk=pk)
    messages.success(request, _("Credit note %(ref)s issued.") % {"ref": note.reference})
    return redirect("billing:credit_note_detail", pk=note.pk)


def _credit_note(request, pk: int) -> CreditNote:
    notes = CreditNote.objects.select_related("site", "invoice__site").filter(
        invoice__in=visible_invoices(request.user)
    )
    note = get_visible_or_404(notes, pk=pk)
    require(request.user, "invoice.view", note.invoice, view_perm="invoice.view")
    return note


@login_required
def credit_note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = _credit_note(request, pk)
    context = documents.credit_note_context(note)
    context["pdf_languages"] = documents.languages_first(getattr(request.user, "language", ""))
    return render(request, "billing/credit_note_detail.html", context)


@login_required
def credit_note_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The credit note in French (the legal copy, the default), or `?lang=ar|en`."""
    note = _credit_note(request, pk)
    lang = pdf_language(request)
    response = HttpResponse(documents.credit_note_pdf(note, lang), content_type="application/pdf")
    name = pdf_filename("avoir", note.reference, lang)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _arrears_response(
    request, invoices, title: str, site=None, filename: str = "arrears", historical=None
):
    rows = arrears_by_age(invoices, today(), historical=historical)
    fmt = request.GET.get("format")
    headers = [_("Site"), _("Startup"), _("Reference"), _("ICE")]
    headers += [str(label) for _key, label, _lo, _hi in AGE_BUCKETS] + [_("Total")]
    headers += [_("Of which before the platform")]
    table = [
        [r.site_code, r.startup_name, r.startup_ref, r.client_ice]
        + [r.buckets[key] for key, _label, _lo, _hi in AGE_BUCKETS]
        + [r.total, r.before_platform]
        for r in rows
    ]
    if fmt == "xlsx":
        return xlsx_response(f"{filename}.xlsx", headers, table)
    if fmt == "csv":
        ice = headers.index(_("ICE"))
        table = [[*row[:ice], csv_identifier(row[ice]), *row[ice + 1 :]] for row in table]
        content = csv_content(headers, table, decimal_comma=True)
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return render(
        request,
        "billing/arrears.html",
        {
            "site": site,
            "title": title,
            "rows": rows,
            "buckets": [label for _key, label, _lo, _hi in AGE_BUCKETS],
            "totals": age_totals(rows),
            "before_platform": sum((r.before_platform for r in rows), Decimal("0")),
            "today": today(),
            "bulk": bulk_context(request, "billing.invoices", site.code) if site else None,
        },
    )


@login_required
def site_arrears(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site)
    invoices = visible_invoices(request.user).filter(site=site_obj)
    historical = visible_historical_invoices(request.user).filter(site=site_obj)
    return _arrears_response(
        request,
        invoices,
        _("Arrears by age"),
        site_obj,
        f"arrears-{site_obj.code}",
        historical=historical,
    )


@login_required
def network_arrears(request: HttpRequest) -> HttpResponse:
    sites = billing_sites(request.user)
    if not sites.exists():
        raise Http404
    invoices = visible_invoices(request.user).filter(site__in=sites)
    historical = visible_historical_invoices(request.user).filter(site__in=sites)
    return _arrears_response(
        request, invoices, _("Arrears by age, all sites"), historical=historical
    )


@login_required
def journal_export(request: HttpRequest, site: str) -> HttpResponse:
    """The accountant's export of a period: the form, or the file when it is filled."""
    site_obj = site_for(request, site, manage=True)
    first = today().replace(day=1)
    last_month_end = first - dt.timedelta(days=1)
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        entries = journal_entries(visible_invoices(request.user).filter(site=site_obj), start, end)
        name = f"journal-{site_obj.code}-{start:%Y%m%d}-{end:%Y%m%d}"
        if form.cleaned_data["format"] == "csv":
            response = HttpResponse(journal_csv(entries), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        return xlsx_response(f"{name}.xlsx", HEADERS, [e.row() for e in entries])
    if not form.is_bound:
        form = PeriodForm(
            initial={
                "start": last_month_end.replace(day=1),
                "end": last_month_end,
                "format": "xlsx",
            }
        )
    return render(
        request,
        "billing/journal.html",
        {
            "site": site_obj,
            "form": form,
            "closes": site_obj.period_closes.select_related("closed_by")[:12],
            "close_form": CloseForm(initial={"closed_until": last_month_end}),
        },
    )


@login_required
@require_POST
def period_close(request: HttpRequest, site: str) -> HttpResponse:
    """The accountant closes the site's books up to a day: nothing dated then changes."""
    site_obj = site_for(request, site, manage=True)
    form = CloseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("billing:journal_export", site=site)
    try:
        close = services.period_close(
            site=site_obj, closed_until=form.cleaned_data["closed_until"], by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Books closed up to %(day)s.")
            % {"day": formats.date_format(close.closed_until, "SHORT_DATE_FORMAT")},
        )
    return redirect("billing:journal_export", site=site)


@login_required
def charge_list(request: HttpRequest, site: str) -> HttpResponse:
    """Charges beyond rent waiting to be invoiced: add one, or invoice a client's charges
    now (the month's room hire is counted by booking: `booking:room_hire`)."""
    from technopark.billing.forms import ChargeForm, MonthForm
    from technopark.billing.models import Charge

    site_obj = site_for(request, site)
    manage = can_manage(request, site_obj)
    form = ChargeForm(
        request.POST or None, startups=site_clients(site_obj), initial={"incurred_on": today()}
    )
    if request.method == "POST":
        require(request.user, "billing.manage", site_obj, view_perm="billing.view_site")
        action = request.POST.get("action", "add")
        try:
            if action == "invoice":
                startup = get_visible_or_404(site_clients(site_obj), ref=request.POST.get("ref"))
                invoice = services.charges_invoice(
                    site=site_obj, startup=startup, issued_on=today(), by=request.user
                )
                messages.success(request, _("Invoice %(ref)s issued.") % {"ref": invoice.reference})
                return redirect("billing:invoice_detail", pk=invoice.pk)
            elif form.is_valid():
                data = form.cleaned_data
                services.charge_add(site=site_obj, by=request.user, **data)
                messages.success(request, _("Charge added: it goes on the next invoice."))
            else:
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                raise DomainError("", code="form")
        except DomainError as exc:
            if exc.message:
                messages.error(request, exc.message)
        return redirect("billing:charge_list", site=site)
    pending = list(
        Charge.objects.filter(site=site_obj, invoice__isnull=True)
        .select_related("startup")
        .order_by("startup__name", "incurred_on")
    )
    return render(
        request,
        "billing/charge_list.html",
        {
            "site": site_obj,
            "pending": pending,
            "form": form if manage else None,
            "month_form": MonthForm(initial={"month": today().replace(day=1)}),
            "can_manage": manage,
            "billing": services.site_billing(site_obj),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_settings(request: HttpRequest, site: str) -> HttpResponse:
    """The site's billing settings (bank details, payment terms), for its managers."""
    site_obj = site_for(request, site, manage=True)
    current = services.site_billing(site_obj)
    fields = ("bank_name", "rib", "cnss", "payment_term_days", "payment_terms")
    form = SiteBillingForm(
        request.POST or None, initial={name: getattr(current, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.site_billing_update(site=site_obj, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Billing settings saved."))
            return redirect("billing:site_settings", site=site_obj.code)
    return render(
        request,
        "billing/site_settings.html",
        {"site": site_obj, "form": form},
    )
