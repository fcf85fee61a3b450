"""Hosting's side of rent: issue a month's rent invoices, and a startup's own contracts,
offers and invoices (from its workspace)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.billing.forms import MonthForm
from technopark.billing.permissions import visible_historical_invoices, visible_invoices
from technopark.billing.selectors import invoices_with_balance
from technopark.billing.services import site_billing
from technopark.core.errors import DomainError
from technopark.hosting import services
from technopark.hosting.permissions import visible_leases
from technopark.hosting.views.common import site_for, today
from technopark.startups.permissions import visible_startups


@login_required
@require_POST
def invoices_issue(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site, manage=True)
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a month."))
        return redirect("billing:invoice_list", site=site)
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
    return redirect(f"{reverse('billing:invoice_list', args=[site])}?month={month:%Y-%m}")


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
    # Invoices issued before the platform, with their own numbers: what is left on them
    # is owed like the rest (docs/billing.md).
    before = list(visible_historical_invoices(request.user).filter(startup=startup))
    due = sum((i.balance_due for i in invoices), 0) + sum((h.balance_due for h in before), 0)
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
            "before_platform": before,
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
                rent_per_m2_mad=site_billing(entry.site).offer_rent_per_m2_mad,
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
