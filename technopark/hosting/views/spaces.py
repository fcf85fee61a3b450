"""A site's spaces by floor, who holds each, and occupancy now or at any date."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date

from technopark.hosting.permissions import hosting_sites
from technopark.hosting.selectors import site_floors, stay_limits
from technopark.hosting.services.waiting import next_in_line
from technopark.hosting.views.common import can_manage, site_for, today


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
    site_obj = site_for(request, site)
    now = today()
    day = parse_date(request.GET.get("date") or "") or now
    floors, occupancy = site_floors(site_obj, day)
    leases = [row.lease for floor in floors for row in floor.rows if row.lease]
    limits = stay_limits(leases)
    free = [row.space for floor in floors for row in floor.rows if row.lease is None]
    suggestions = {space.pk: next_in_line(space) for space in free[:20]} if day == now else {}
    return render(
        request,
        "hosting/site_spaces.html",
        {
            "site": site_obj,
            "day": day,
            "today": now,
            "floors": floors,
            "occupancy": occupancy,
            "limits": limits,
            "suggestions": suggestions,
            "can_manage": can_manage(request, site_obj),
        },
    )
