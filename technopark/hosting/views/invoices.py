"""Rent: a site's invoices and arrears, one invoice (HTML and PDF), payments, and a
startup's own invoices."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.core.query import page_month
from technopark.hosting import documents, services
from technopark.hosting.forms import CreditNoteForm, MonthForm, PaymentForm
from technopark.hosting.permissions import visible_invoices, visible_leases
from technopark.hosting.selectors import arrears, invoices_with_balance
from technopark.hosting.views.common import can_manage, site_for, today
from technopark.startups.permissions import visible_startups


def _month(request) -> dt.date:
    return page_month(request, "month", today().replace(day=1))


@login_required
def invoice_list(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site)
    month = _month(request)
    site_invoices = visible_invoices(request.user).filter(site=site_obj)
    day = today()

    def by_state(qs, value):
        if value == "month":  # the month's invoices, whatever their state
            return qs.filter(period=month)
        settled = F("paid_mad") + F("credited_mad")  # credit notes settle too
        if value == "paid":
            return qs.filter(total_mad__lte=settled)
        qs = qs.filter(total_mad__gt=settled)
        return qs.filter(due_on__lt=day) if value == "overdue" else qs

    listing = Listing(
        request,
        invoices_with_balance(site_invoices),
        search=("client_name", "startup__ref", "space_label"),
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
            "number": Sort(_("Number"), ("year", "number")),
            "due": Sort(_("Due date"), ("due_on", "number")),
            "client": Sort(_("Client"), ("client_name", "year", "number")),
        },
        columns=[
            Column(_("Number"), lambda i: i.reference),
            Column(_("Client"), lambda i: i.client_name),
            Column(_("Issued"), lambda i: i.issued_on),
            Column(_("Due"), lambda i: i.due_on),
            Column(_("Total incl. VAT"), lambda i: i.total_mad),
            Column(_("Paid"), lambda i: i.paid_mad),
        ],
        export_name=f"invoices-{site_obj.code}",
    )
    if listing.export:
        return listing.export_response()
    invoices = listing.rows
    totals = listing.queryset.aggregate(total=Sum("total_mad"))
    late = arrears(site_invoices, day)
    return render(
        request,
        "hosting/invoice_list.html",
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
        },
    )


@login_required
@require_POST
def invoices_issue(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site, manage=True)
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a month."))
        return redirect("hosting:invoice_list", site=site)
    month = form.cleaned_data["month"]
    result = services.invoices_issue_month(
        month=month, issued_on=today(), site=site_obj, by=request.user
    )
    messages.success(
        request,
        _("%(new)d invoice(s) issued, %(old)d already issued.")
        % {"new": len(result.created), "old": result.existing},
    )
    for lease, reason in result.refused:
        messages.error(request, f"{lease}: {reason}")
    return redirect(f"{reverse('hosting:invoice_list', args=[site])}?month={month:%Y-%m}")


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
            "can_pay": can_pay,
            "payment_form": PaymentForm(initial={"paid_on": today()}) if can_pay else None,
            "credit_form": CreditNoteForm(initial={"amount_mad": balance})
            if can_pay and balance > 0
            else None,
        }
    )
    return render(request, "hosting/invoice_detail.html", context)


@login_required
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = _invoice(request, pk)
    # The invoice is a legal document: always in French, whatever the page language.
    pdf = documents.invoice_pdf(invoice)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="facture-{invoice.reference}.pdf"'
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
    return redirect("hosting:invoice_detail", pk=pk)


@login_required
def startup_invoices(request: HttpRequest, ref: str) -> HttpResponse:
    """A startup's own contracts and invoices, from its workspace."""
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "startup.invoices", startup, view_perm="startup.view_private")
    invoices = list(
        invoices_with_balance(visible_invoices(request.user).filter(startup=startup)).order_by(
            "-period", "-number"
        )
    )
    due = sum((i.balance_due for i in invoices), 0)
    from technopark.hosting.forms import NoticeForm
    from technopark.hosting.models import WaitingEntry

    offers = WaitingEntry.objects.filter(
        startup=startup, status=WaitingEntry.Status.OFFERED
    ).select_related("site", "offered_space")
    return render(
        request,
        "hosting/startup_invoices.html",
        {
            "startup": startup,
            "invoices": invoices,
            "due": due,
            "leases": visible_leases(request.user).filter(startup=startup).order_by("-starts_on"),
            "today": today(),
            "offers": offers if can(request.user, "startup.workspace_answer", startup) else [],
            "notice_form": NoticeForm(prefix="notice", initial={"notice_on": today()}),
            "can_answer": can(request.user, "startup.workspace_answer", startup),
        },
    )


@login_required
@require_POST
def startup_give_notice(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    """The founder gives notice on the startup's contract, from its workspace."""
    from technopark.hosting.forms import NoticeForm

    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    lease = get_visible_or_404(visible_leases(request.user).filter(startup=startup), pk=pk)
    require(request.user, "lease.give_notice", lease, view_perm="lease.view")
    form = NoticeForm(request.POST, prefix="notice")
    if form.is_valid():
        try:
            services.lease_give_notice(
                lease=lease,
                notice_on=today(),
                leaving_on=form.cleaned_data["leaving_on"],
                by=request.user,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Notice recorded."))
    else:
        messages.error(request, _("Give the leaving date."))
    return redirect("hosting:startup_invoices", ref=ref)


@login_required
@require_POST
def startup_answer_offer(request: HttpRequest, ref: str, pk: int, answer: str) -> HttpResponse:
    """The founder accepts (a draft contract is made for the manager to sign, at the
    site's offer rate) or declines (the startup keeps its place) a waiting-list offer."""
    from technopark.hosting.models import WaitingEntry

    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    if not can(request.user, "startup.view_private", startup):
        raise Http404  # the view rule is about the startup, not about its waiting entry
    entry = get_visible_or_404(WaitingEntry.objects.filter(startup=startup), pk=pk)
    require(request.user, "waiting.respond", entry)
    try:
        if answer == "accept":
            starts = (today().replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            services.waiting_accept(
                entry=entry,
                starts_on=starts,
                planned_end=starts.replace(year=starts.year + 3),
                rent_per_m2_mad=services.site_billing(entry.site).offer_rent_per_m2_mad,
                by=request.user,
            )
            messages.success(
                request, _("Offer accepted: the site prepares the contract for signature.")
            )
        elif answer == "decline":
            services.waiting_decline(entry=entry, by=request.user)
            messages.success(request, _("Offer declined; you keep your place on the list."))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("hosting:startup_invoices", ref=ref)
