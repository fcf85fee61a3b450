"""Pages of payments: a founder pays invoices by card; the gateway's callback and the
browser's return; a site's bank statements and the transfers waiting for a person."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.network.permissions import visible_sites
from technopark.payments import ledger, parsers, services
from technopark.payments.forms import AssignForm, DismissForm, StatementForm
from technopark.payments.models import BankTransaction, ClientCredit, OnlinePayment
from technopark.payments.permissions import (
    reconcile_sites,
    refundable_online_payments,
    visible_credits,
    visible_online_payments,
    visible_transactions,
)
from technopark.payments.providers import InvalidCallback, provider
from technopark.startups.permissions import visible_startups

MAX_STATEMENT_BYTES = 5 * 1024 * 1024


def _open_invoices(startup):
    return [
        i
        for i in ledger.invoices_with_balance(
            ledger.Invoice.objects.filter(startup=startup)
        ).order_by("due_on", "number")
        if i.balance_due > 0
    ]


@login_required
@require_http_methods(["GET", "POST"])
def startup_pay(request: HttpRequest, ref: str) -> HttpResponse:
    """The founder's page: the startup's open invoices to tick, its card payments so far;
    POST starts an order and hands the browser the signed form for the gateway."""
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "payments.pay", startup, view_perm="startup.invoices")
    invoices = _open_invoices(startup)
    if request.method == "POST":
        chosen = {str(pk) for pk in request.POST.getlist("invoice")}
        picked = [i for i in invoices if str(i.pk) in chosen]
        if not picked or len(picked) != len(chosen):
            messages.error(request, _("Choose at least one invoice to pay."))
            return redirect("payments:startup_pay", ref=ref)
        try:
            order = services.online_payment_start(
                startup=startup, invoices=picked, by=request.user, language=get_language() or ""
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("payments:startup_pay", ref=ref)
        gateway = provider()
        back = request.build_absolute_uri(reverse("payments:gateway_return"))
        url, fields = gateway.checkout(
            oid=order.oid,
            amount=order.amount_mad,
            ok_url=back,
            fail_url=back,
            callback_url=request.build_absolute_uri(reverse("payments:gateway_callback")),
            language=get_language() or "fr",
            email=request.user.email,
        )
        response = render(
            request,
            "payments/checkout.html",
            {"startup": startup, "order": order, "url": url, "fields": fields, "invoices": picked},
        )
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        response._csp_update = {"form-action": [origin]}
        return response
    return render(
        request,
        "payments/startup_pay.html",
        {
            "startup": startup,
            "invoices": invoices,
            "orders": visible_online_payments(request.user)
            .filter(startup=startup)
            .prefetch_related("items__invoice__site")[:20],
            "credits": ClientCredit.objects.filter(startup=startup),
        },
    )


def _params(request: HttpRequest) -> dict[str, str]:
    return {k: request.POST.get(k, "") for k in request.POST}


@csrf_exempt
@require_POST
def gateway_callback(request: HttpRequest) -> HttpResponse:
    """The gateway's server-to-server callback. Public, outside CSRF (the gateway cannot
    carry our token), trusted only through its hash: a forged one is a 400, nothing changes."""
    gateway = provider()
    try:
        result = services.online_payment_callback(params=_params(request), provider=gateway)
    except InvalidCallback:
        return HttpResponseBadRequest("FAILURE", content_type="text/plain")
    return HttpResponse(gateway.acknowledge(result.outcome), content_type="text/plain")


@csrf_exempt
@require_POST
def gateway_return(request: HttpRequest) -> HttpResponse:
    """Where the gateway sends the browser back (okUrl and failUrl), a POST from its page:
    verified by the hash like the callback; shows the order's state."""
    try:
        order = services.online_payment_returned(params=_params(request), provider=provider())
    except InvalidCallback:
        return render(request, "payments/returned.html", {"order": None}, status=400)
    return render(request, "payments/returned.html", {"order": order})


# --- Bank statements -----------------------------------------------------------------------


@login_required
@require_GET
def statements_index(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "payments.reconcile_any"):
        raise Http404
    sites = (
        reconcile_sites(request.user)
        .annotate(
            waiting=Count(
                "bankstatement__transactions",
                filter=Q(
                    bankstatement__transactions__state__in=[
                        BankTransaction.State.PROPOSED,
                        BankTransaction.State.UNKNOWN,
                    ]
                ),
            )
        )
        .order_by("name")
    )
    return render(request, "payments/statements_index.html", {"sites": sites})


def _site(request, code: str):
    site = get_visible_or_404(visible_sites(request.user), code=code)
    require(request.user, "payments.reconcile", site, view_perm="billing.view_site")
    return site


@login_required
@require_http_methods(["GET", "POST"])
def site_statements(request: HttpRequest, site: str) -> HttpResponse:
    """Upload a statement; the transfers proposed or waiting; the last ones recorded."""
    site_obj = _site(request, site)
    form = StatementForm()
    if request.method == "POST":
        form = StatementForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_STATEMENT_BYTES:
                form.add_error("file", _("The file is too large (5 MB at most)."))
            else:
                data = upload.read()
                fmt = form.cleaned_data["format"] or parsers.guess_format(upload.name, data)
                try:
                    account, credits = parsers.parse(
                        fmt, data, mapping=form.mapping(), account=form.cleaned_data["account"]
                    )
                    result = services.statement_import(
                        account=account,
                        fmt=fmt,
                        credits=credits,
                        site=site_obj,
                        filename=upload.name,
                        by=request.user,
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(
                        request,
                        _(
                            "%(matched)d recorded, %(proposed)d proposed, %(unknown)d waiting, "
                            "%(already)d already imported."
                        )
                        % {
                            "matched": len(result.matched),
                            "proposed": len(result.proposed),
                            "unknown": len(result.unknown),
                            "already": result.already,
                        },
                    )
                    return redirect("payments:site_statements", site=site)
    txs = visible_transactions(request.user).filter(statement__site=site_obj)
    return render(
        request,
        "payments/site_statements.html",
        {
            "site": site_obj,
            "form": form,
            "waiting": txs.filter(
                state__in=[BankTransaction.State.PROPOSED, BankTransaction.State.UNKNOWN]
            ).order_by("booked_on", "pk"),
            "done": txs.filter(
                state__in=[BankTransaction.State.MATCHED, BankTransaction.State.DISMISSED]
            ).order_by("-booked_on", "-pk")[:30],
            "credits": _credits_to_apply(request.user, site_obj),
            "card_payments": OnlinePayment.objects.filter(
                state=OnlinePayment.State.PAID, items__invoice__site=site_obj
            )
            .select_related("startup")
            .distinct()
            .order_by("-updated_at", "-pk")[:20],
            "assign_form": AssignForm(),
            "dismiss_form": DismissForm(),
        },
    )


INVOICE_REF = re.compile(r"^\s*([A-Za-z0-9]+)-(\d{4})-0*(\d+)\s*$")


@login_required
@require_POST
def transaction_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    tx = get_visible_or_404(visible_transactions(request.user), pk=pk)
    require(request.user, "bank_transaction.decide", tx)
    back = (
        redirect("payments:site_statements", site=tx.statement.site.code)
        if (tx.statement.site_id)
        else redirect("payments:statements_index")
    )
    try:
        if action == "confirm":
            services.transaction_confirm(tx=tx, by=request.user)
        elif action == "assign":
            form = AssignForm(request.POST)
            found = INVOICE_REF.match(form.data.get("invoice", "")) if form.is_valid() else None
            invoice = None
            if found:
                invoice = (
                    ledger.visible_invoices(request.user)
                    .filter(site__code__iexact=found[1], year=int(found[2]), number=int(found[3]))
                    .first()
                )
            if invoice is None:
                raise DomainError(_("No invoice with this number."), code="no_invoice")
            services.transaction_assign(tx=tx, invoice=invoice, by=request.user)
        elif action == "dismiss":
            form = DismissForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.transaction_dismiss(tx=tx, reason=reason, by=request.user)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    return back


def _credits_to_apply(user, site):
    """The site's clients' credits with something left, each with the open invoices of the
    same client the user sees (one click applies it to one of them); three queries."""
    credits = list(
        visible_credits(user)
        .filter(invoice__site=site)
        .annotate(used=Coalesce(Sum("uses__amount_mad"), Value(Decimal("0"))))
        .annotate(left=F("amount_mad") - F("used"))
        .filter(left__gt=0)
        .order_by("created_at", "pk")
    )
    open_invoices: dict[int, list] = {}
    if credits:
        invoices = ledger.invoices_with_balance(
            ledger.visible_invoices(user).filter(startup_id__in={c.startup_id for c in credits})
        ).filter(balance_mad__gt=0)
        for invoice in invoices.order_by("due_on", "pk"):
            open_invoices.setdefault(invoice.startup_id, []).append(invoice)
    for credit in credits:
        credit.open_invoices = open_invoices.get(credit.startup_id, [])
    return credits


@login_required
@require_POST
def credit_apply(request: HttpRequest, pk: int, invoice: int) -> HttpResponse:
    """Staff apply a client's credit to one of its open invoices, in one click."""
    credit = get_visible_or_404(visible_credits(request.user), pk=pk)
    require(request.user, "client_credit.apply", credit)
    target = get_visible_or_404(ledger.visible_invoices(request.user), pk=invoice)
    try:
        use = services.credit_apply(credit=credit, invoice=target, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(amount)s MAD of the credit applied to %(ref)s.")
            % {
                "amount": number_format(use.amount_mad, 2, force_grouping=True),
                "ref": target.reference,
            },
        )
    if request.POST.get("next") == "invoice":
        return redirect("billing:invoice_detail", pk=target.pk)
    return redirect("payments:site_statements", site=credit.invoice.site.code)


@login_required
@require_POST
def online_payment_refund(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff mark a paid card payment refunded, with the reason."""
    order = get_visible_or_404(refundable_online_payments(request.user), pk=pk)
    require(request.user, "online_payment.refund", order)
    site = order.items.values_list("invoice__site__code", flat=True).first()
    try:
        services.online_payment_refund(
            order=order, reason=request.POST.get("reason", ""), by=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Card payment %(oid)s refunded.") % {"oid": order.oid})
    return redirect("payments:site_statements", site=site)
