"""Contracts of a site: list, new, one contract with its lifecycle actions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.billing import services as billing_services
from technopark.billing.models import Deposit
from technopark.core.errors import DomainError
from technopark.core.listing import Column, Filter, Listing, Sort
from technopark.hosting import services
from technopark.hosting.forms import (
    DayForm,
    DepositForm,
    LeaseForm,
    MoveForm,
    NoticeForm,
    RenewForm,
)
from technopark.hosting.models import Lease
from technopark.hosting.permissions import visible_leases
from technopark.hosting.selectors import over_stay_limit, stay_limits
from technopark.hosting.views.common import can_manage, site_for, today
from technopark.startups.models import Startup
from technopark.startups.permissions import visible_startups

REMINDER_WINDOW = dt.timedelta(days=60)


def _site_startups(site, user):
    """The startups a contract of this site may be for, as the permission layer lets the
    user see them."""
    at_site = Startup.objects.filter(
        Q(enrollments__site=site) | Q(leases__site=site) | Q(waiting_entries__site=site)
    ).values("pk")
    return visible_startups(user).filter(pk__in=at_site)


def _leasable(site):
    return site.spaces.filter(leasable=True).order_by("floor", "code")


def _move_targets(site, lease: Lease, since):
    """Where a startup can move: the site's other leasable spaces with no signed contract
    over the rest of this one (from `since` to its planned end, or open-ended); the service
    refuses an occupied space all the same."""
    taken = Lease.objects.signed().filter(
        site=site, **({"starts_on__lt": lease.planned_end} if lease.planned_end else {})
    )
    taken = taken.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=since))
    return _leasable(site).exclude(pk=lease.space_id).exclude(pk__in=taken.values("space_id"))


@login_required
def contract_list(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site)

    def by_status(qs, value):
        if value == "running":
            return qs.filter(status__in=[Lease.Status.ACTIVE, Lease.Status.NOTICE])
        if value == "ending":  # what the home counts: to renew or end within the window
            return qs.filter(
                status__in=[Lease.Status.ACTIVE, Lease.Status.NOTICE],
                planned_end__lte=today() + REMINDER_WINDOW,
            )
        return qs if value == "all" else qs.filter(status=value)

    listing = Listing(
        request,
        visible_leases(request.user).filter(site=site_obj),
        search=("startup__name", "startup__ref", "space__code"),
        filters={
            "status": Filter(
                _("Status"),
                [
                    ("running", _("Running")),
                    ("ending", _("To renew or end (next 60 days)")),
                    *Lease.Status.choices,
                    ("all", _("All")),
                ],
                by_status,
                default="running",
            )
        },
        sorts={
            "planned_end": Sort(_("Planned end"), ("planned_end", "space__code")),
            "space": Sort(_("Space"), ("space__code", "-starts_on")),
            "startup": Sort(_("Startup"), ("startup__name", "-starts_on")),
            "start": Sort(_("Start, newest first"), ("-starts_on", "space__code")),
        },
        columns=[
            Column(_("Space"), lambda lease: lease.space.code),
            Column(_("Startup"), lambda lease: lease.startup.name),
            Column(_("Status"), lambda lease: lease.get_status_display()),
            Column(_("Start"), lambda lease: lease.starts_on),
            Column(_("Planned end"), lambda lease: lease.planned_end),
            Column(_("Actual end"), lambda lease: lease.ends_on),
            Column(_("Rent / month excl. VAT"), lambda lease: lease.monthly_rent),
        ],
        export_name=f"contracts-{site_obj.code}",
    )
    if listing.export:
        return listing.export_response()
    leases = listing.rows
    limits = stay_limits(leases)
    now = today()
    rows = [
        {
            "lease": lease,
            "ending_soon": lease.is_running
            and lease.planned_end is not None
            and now <= lease.planned_end <= now + REMINDER_WINDOW,
            "over_limit": over_stay_limit(lease, limits.get(lease.pk), now),
            "limit": limits.get(lease.pk),
        }
        for lease in leases
    ]
    return render(
        request,
        "hosting/contract_list.html",
        {
            "site": site_obj,
            "rows": rows,
            "listing": listing,
            "can_manage": can_manage(request, site_obj),
        },
    )


@login_required
def contract_new(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site, manage=True)
    form = LeaseForm(
        request.POST or None,
        startups=_site_startups(site_obj, request.user),
        spaces=_leasable(site_obj),
        initial={"starts_on": today(), "space": request.GET.get("space")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lease = services.lease_create(
                site=site_obj,
                space=data["space"],
                startup=data["startup"],
                starts_on=data["starts_on"],
                planned_end=data["planned_end"],
                monthly_rent_mad=data["monthly_rent_mad"],
                rent_per_m2_mad=data["rent_per_m2_mad"],
                charges_mad=data["charges_mad"] or 0,
                signed_on=today() if data["sign_now"] else None,
                by=request.user,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The contract was saved."))
            return redirect("hosting:contract_detail", site=site, pk=lease.pk)
    form.fields["startup"].widget.attrs["data-lookup"] = reverse(
        "hosting:startup_lookup", args=[site_obj.code]
    )
    return render(request, "hosting/contract_form.html", {"site": site_obj, "form": form})


@login_required
def startup_lookup(request: HttpRequest, site: str) -> JsonResponse:
    """The new-contract form's suggestions: up to 10 of the site's startups whose name
    contains, or whose reference starts with, `q` (2 characters at least)."""
    site_obj = site_for(request, site, manage=True)
    text = request.GET.get("q", "").strip()[:100]
    results = []
    if len(text) >= 2:
        found = (
            _site_startups(site_obj, request.user)
            .filter(Q(name__icontains=text) | Q(ref__istartswith=text))
            .order_by("name")
            .values("ref", "name")[:10]
        )
        results = [{**row, "label": f"{row['name']} ({row['ref']})"} for row in found]
    return JsonResponse({"results": results})


def _lease(request, site_obj, pk: int) -> Lease:
    return get_visible_or_404(visible_leases(request.user).filter(site=site_obj), pk=pk)


@login_required
def contract_detail(request: HttpRequest, site: str, pk: int) -> HttpResponse:
    site_obj = site_for(request, site)
    lease = _lease(request, site_obj, pk)
    limit = stay_limits([lease]).get(lease.pk)
    now = today()
    spaces = _move_targets(site_obj, lease, now)
    return render(
        request,
        "hosting/contract_detail.html",
        {
            "site": site_obj,
            "lease": lease,
            "limit": limit,
            "over_limit": over_stay_limit(lease, limit, now),
            "continuations": lease.continuations.select_related("space"),
            "invoices": lease.invoices.order_by("-period")[:24],
            "reminders": lease.reminders.all(),
            "can_manage": can_manage(request, site_obj),
            "sign_form": DayForm(prefix="sign", initial={"day": now}),
            "notice_form": NoticeForm(
                prefix="notice", initial={"notice_on": now, "leaving_on": lease.planned_end}
            ),
            "end_form": DayForm(prefix="end", initial={"day": now}),
            "renew_form": RenewForm(prefix="renew"),
            "move_form": MoveForm(prefix="move", spaces=spaces, initial={"on": now}),
            "deposit": Deposit.objects.filter(lease=lease).first(),
            "deposit_form": DepositForm(prefix="deposit", initial={"day": now, "retained_mad": 0}),
        },
    )


@login_required
@require_POST
def contract_action(request: HttpRequest, site: str, pk: int, action: str) -> HttpResponse:
    site_obj = site_for(request, site, manage=True)
    lease = _lease(request, site_obj, pk)
    result = lease
    forms = {
        "sign": lambda: DayForm(request.POST, prefix="sign"),
        "notice": lambda: NoticeForm(request.POST, prefix="notice"),
        "end": lambda: DayForm(request.POST, prefix="end"),
        "renew": lambda: RenewForm(request.POST, prefix="renew"),
        "deposit": lambda: DepositForm(request.POST, prefix="deposit"),
        "move": lambda: MoveForm(
            request.POST, prefix="move", spaces=_move_targets(site_obj, lease, today())
        ),
    }
    if action not in forms:
        raise Http404
    form = forms[action]()
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("hosting:contract_detail", site=site, pk=pk)
    data = form.cleaned_data
    try:
        if action == "sign":
            services.lease_sign(lease=lease, signed_on=data["day"], by=request.user)
            messages.success(request, _("The contract is signed."))
        elif action == "notice":
            services.lease_give_notice(
                lease=lease,
                notice_on=data["notice_on"],
                leaving_on=data["leaving_on"],
                by=request.user,
            )
            messages.success(request, _("Notice recorded."))
        elif action == "end":
            services.lease_end(lease=lease, ended_on=data["day"], by=request.user)
            messages.success(request, _("The contract is ended; the space is free from that day."))
        elif action == "renew":
            result = services.lease_renew(
                lease=lease,
                planned_end=data["planned_end"],
                rent_per_m2_mad=data["rent_per_m2_mad"],
                by=request.user,
            )
            messages.success(request, _("The contract is renewed."))
        elif action == "deposit":
            deposit = billing_services.deposit_settle(
                lease=lease,
                retained_mad=data["retained_mad"] or 0,
                reason=data["reason"],
                settled_on=data["day"],
                by=request.user,
            )
            messages.success(
                request,
                _("Deposit settled: %(status)s.") % {"status": deposit.get_status_display()},
            )
        else:
            result = services.lease_move(
                lease=lease, space=data["space"], on=data["on"], by=request.user
            )
            messages.success(
                request, _("The startup moves to %(space)s.") % {"space": result.space}
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("hosting:contract_detail", site=site, pk=result.pk)


@login_required
def contract_pdf(request: HttpRequest, site: str, pk: int) -> HttpResponse:
    """The contract as a document, in French (default) or Arabic (`?lang=ar`); its
    startup's members read it too."""
    from technopark.hosting.contract_pdf import contract_pdf as draw_contract

    lease = _lease_for_reader(request, site, pk)
    lang = "ar" if request.GET.get("lang") == "ar" else "fr"
    response = HttpResponse(draw_contract(lease, lang), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="contrat-{lease.site.code}-{lease.pk}-{lang}.pdf"'
    )
    return response


def _lease_for_reader(request, site: str, pk: int) -> Lease:
    lease = get_visible_or_404(visible_leases(request.user).filter(site__code=site), pk=pk)
    require(request.user, "lease.view", lease, view_perm="lease.view")
    return lease


@login_required
def contract_scan(request: HttpRequest, site: str, pk: int) -> HttpResponse:
    """GET: download the signed scan. POST: file it (the site's managers)."""
    from technopark.core.uploads import serve_private

    lease = _lease_for_reader(request, site, pk)
    if request.method == "POST":
        require(request.user, "lease.change", lease, view_perm="lease.view")
        upload = request.FILES.get("scan")
        if upload is None:
            messages.error(request, _("Choose the scanned file."))
        else:
            try:
                services.lease_attach_scan(lease=lease, file=upload, by=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The signed scan is kept with the contract."))
        return redirect("hosting:contract_detail", site=site, pk=pk)
    if not lease.signed_scan:
        raise Http404
    return serve_private(request, lease.signed_scan)
