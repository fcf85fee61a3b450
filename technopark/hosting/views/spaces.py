"""A site's spaces by floor, who holds each, and occupancy now or at any date."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date

from technopark.hosting.permissions import hosting_sites
from technopark.hosting.selectors import next_in_line_for, site_floor_plan
from technopark.hosting.views.common import can_manage, site_for, today

_PK = 2_147_483_647  # a stand-in id: the contract's address is built once, not once a space


@login_required
def hosting_index(request: HttpRequest) -> HttpResponse:
    sites = list(hosting_sites(request.user).order_by("code"))
    if not sites:
        raise Http404
    if len(sites) == 1:
        return redirect("hosting:site_spaces", site=sites[0].code)
    return render(request, "hosting/index.html", {"sites": sites})


@login_required
def site_spaces(request: HttpRequest, site: str) -> HttpResponse:
    """The site's floors summed up, and the spaces of one floor (`?floor=`, the first by
    default): a large site has hundreds of spaces, each floor a few dozen."""
    site_obj = site_for(request, site)
    now = today()
    day = parse_date(request.GET.get("date") or "") or now
    plan = site_floor_plan(site_obj, day, request.GET.get("floor"))
    if day == now:
        next_in_line_for(site_obj, plan.spaces)
    contract = reverse("hosting:contract_detail", args=[site_obj.code, _PK])
    manage = can_manage(request, site_obj)
    new_contract = reverse("hosting:contract_new", args=[site_obj.code]) if manage else ""
    for space in plan.spaces:
        space.url = contract.replace(str(_PK), str(space.lease_id)) if space.lease_id else ""
        space.new_url = f"{new_contract}?space={space.pk}" if new_contract else ""
    here = reverse("hosting:site_spaces", args=[site_obj.code])
    floor_links = [
        (floor, f"{here}?{urlencode({'date': day.isoformat(), 'floor': floor.name})}")
        for floor in plan.floors
    ]
    return render(
        request,
        "hosting/site_spaces.html",
        {
            "site": site_obj,
            "day": day,
            "today": now,
            "plan": plan,
            "floor_links": floor_links,
            "occupancy": plan.occupancy,
            "can_manage": manage,
        },
    )
