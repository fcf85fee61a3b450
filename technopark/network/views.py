"""The network's pages: the list of sites and one site's page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, get_visible_or_404
from technopark.core.hooks import site_context, site_panels
from technopark.core.query import page_day
from technopark.network.geo import network_map
from technopark.network.permissions import visible_sites


def site_list(request: HttpRequest) -> HttpResponse:
    sites = list(visible_sites(request.user).order_by("opened_on", "code"))
    today = dt.date.today()
    groups = {"open": [], "planned": [], "closed": []}
    for site in sites:
        groups[site.status_on(today)].append(site)
    return render(request, "network/site_list.html", {"groups": groups, "sites": sites})


def site_detail(request: HttpRequest, code: str) -> HttpResponse:
    site = get_visible_or_404(visible_sites(request.user), code=code)
    day = page_day(request, "date", dt.date.today())
    show_tenants = can(request.user, "site.view_tenants", site)
    extra = site_context(request, site, day, show_tenants)
    photos = extra.get("photos") or []
    meta = {
        "title": site.name,
        "description": _(
            "%(name)s, technology park of the network in %(city)s: address, how to get there, "
            "services, events and figures."
        )
        % {"name": site.name, "city": site.city},
        "image": extra.get("photo_url", lambda photo: "")(photos[0]) if photos else "",
        "image_alt": photos[0].alt_text if photos else "",
    }
    return render(
        request,
        "network/site_detail.html",
        {
            "site": site,
            "day": day,
            # spaces, occupancy and residents come from hosting, programs from programs
            **extra,
            "show_tenants": show_tenants,
            "can_change": can(request.user, "site.change", site),
            "panels": site_panels(request, site),
            "map": network_map(dt.date.today(), current=site),
            "meta": meta,
        },
    )
