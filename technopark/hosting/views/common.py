"""What every hosting page starts with: the site, checked through the permission layer."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest

from technopark.accounts.permissions import can, get_visible_or_404, require
from technopark.core import clock
from technopark.network.models import Site
from technopark.network.permissions import visible_sites


def site_for(request: HttpRequest, code: str, *, manage: bool = False) -> Site:
    """The site, or 404 for people who do not work there; 403 for staff who may only read."""
    site = get_visible_or_404(visible_sites(request.user), code=code)
    require(request.user, "hosting.view_site", site, view_perm="hosting.view_site")
    if manage:
        require(request.user, "hosting.manage", site, view_perm="hosting.view_site")
    return site


def today() -> dt.date:
    """Today in Morocco: the one clock (`core.clock`)."""
    return clock.today()


def can_manage(request: HttpRequest, site: Site) -> bool:
    return can(request.user, "hosting.manage", site)
