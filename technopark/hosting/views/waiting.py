"""A site's waiting list: add, offer a freed space to the next one, accept or decline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404
from technopark.core.errors import DomainError
from technopark.hosting import services
from technopark.hosting.forms import AcceptForm, OfferForm, WaitingForm
from technopark.hosting.models import WaitingEntry
from technopark.hosting.permissions import visible_waiting
from technopark.hosting.services.waiting import space_is_free
from technopark.hosting.views.common import can_manage, site_for, today
from technopark.startups.models import Startup


def _free_spaces(site):
    now = today()
    return [s for s in site.spaces.filter(leasable=True).order_by("code") if space_is_free(s, now)]


@login_required
def waiting_list(request: HttpRequest, site: str) -> HttpResponse:
    site_obj = site_for(request, site)
    startups = Startup.objects.filter(enrollments__site=site_obj).distinct()
    form = WaitingForm(request.POST or None, startups=startups, initial={"requested_on": today()})
    if request.method == "POST":
        site_for(request, site, manage=True)
        if form.is_valid():
            try:
                services.waiting_add(site=site_obj, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Added to the waiting list."))
                return redirect("hosting:waiting_list", site=site)
    entries = visible_waiting(request.user).filter(
        site=site_obj, status__in=[WaitingEntry.Status.WAITING, WaitingEntry.Status.OFFERED]
    )
    free = _free_spaces(site_obj)
    offered_ids = {e.offered_space_id for e in entries if e.offered_space_id}
    return render(
        request,
        "hosting/waiting_list.html",
        {
            "site": site_obj,
            "entries": entries,
            "form": form,
            "offer_form": OfferForm(
                spaces=site_obj.spaces.filter(pk__in=[s.pk for s in free]).exclude(
                    pk__in=offered_ids
                )
            ),
            "accept_form": AcceptForm(initial={"starts_on": today()}),
            "free": free,
            "can_manage": can_manage(request, site_obj),
        },
    )


@login_required
@require_POST
def waiting_action(request: HttpRequest, site: str, pk: int, action: str) -> HttpResponse:
    site_obj = site_for(request, site, manage=True)
    entry = get_visible_or_404(visible_waiting(request.user).filter(site=site_obj), pk=pk)
    try:
        if action == "offer":
            form = OfferForm(request.POST, spaces=site_obj.spaces.filter(leasable=True))
            if not form.is_valid():
                raise DomainError(_("Choose a free space."))
            services.waiting_offer(
                entry=entry, space=form.cleaned_data["space"], on=today(), by=request.user
            )
            messages.success(request, _("Space offered."))
        elif action == "accept":
            form = AcceptForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Give the start, the planned end and the rent."))
            lease = services.waiting_accept(
                entry=entry,
                starts_on=form.cleaned_data["starts_on"],
                planned_end=form.cleaned_data["planned_end"],
                rent_per_m2_mad=form.cleaned_data["rent_per_m2_mad"],
                charges_mad=form.cleaned_data["charges_mad"] or 0,
                by=request.user,
            )
            messages.success(request, _("Offer accepted: a draft contract is ready to sign."))
            return redirect("hosting:contract_detail", site=site, pk=lease.pk)
        elif action == "decline":
            services.waiting_decline(entry=entry, by=request.user)
            messages.success(request, _("Offer declined; the startup keeps its place."))
        elif action == "withdraw":
            services.waiting_withdraw(entry=entry, by=request.user)
            messages.success(request, _("Removed from the waiting list."))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("hosting:waiting_list", site=site)
