"""Community life in the menu and on a site's page (amenities and coming events)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.community.permissions import visible_events
from technopark.community.selectors import amenities_now
from technopark.core.hooks import NavItem, Panel


def nav_items(request) -> list[NavItem]:
    return [NavItem(_("Events"), reverse("community:event_list"))]


def site_panels(request, site) -> list[Panel]:
    rows, ramadan = amenities_now(site)
    events = list(
        visible_events(request.user)
        .filter(site=site, status="published", ends_at__gte=timezone.now())
        .order_by("starts_at")[:5]
    )
    return [
        Panel(
            "community/_site_panel.html",
            {"site": site, "rows": rows, "ramadan": ramadan, "events": events},
        )
    ]
