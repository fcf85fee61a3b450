"""Links the publishing work adds to shared pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem


def nav_items(request) -> list[NavItem]:
    items = [NavItem(_("Open data"), reverse("publishing:figures"), "figures")]
    if principal(request.user).is_staff:
        items.append(NavItem(_("Reports"), reverse("publishing:reports"), "figures"))
    return items


def workspace_links(request, startup) -> list[NavItem]:
    if not can(request.user, "showcase.edit", startup):
        return []
    return [NavItem(_("Showcase profile"), reverse("publishing:showcase_edit", args=[startup.ref]))]


def site_context(request, site, day, show_tenants: bool) -> dict:
    """The site's public face on its page: photos, how to get there, its open calls."""
    from technopark.core import clock
    from technopark.programs.permissions import visible_calls
    from technopark.publishing.models import SiteGuide, SitePhoto

    today = clock.today()
    guide = SiteGuide.objects.filter(site=site).first()
    return {
        "photos": list(SitePhoto.objects.filter(site=site)),
        "directions": guide.direction_lines() if guide else [],
        "open_calls": list(
            visible_calls(request.user)
            .filter(site=site, opens_on__lte=today, closes_on__gte=today)
            .order_by("closes_on", "title")
        ),
        "photo_url": lambda photo: reverse("publishing:site_photo", args=[site.code, photo.pk]),
        "media_url": reverse("publishing:site_media", args=[site.code])
        if can(request.user, "site.change", site)
        else "",
    }


HOOKS = AppHooks(nav_items=nav_items, workspace_links=workspace_links, site_context=site_context)
