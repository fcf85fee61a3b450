"""Who sees and changes sites, spaces and budgets."""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.network.models import Site, Space


def visible_sites(user) -> QuerySet[Site]:
    """The network is public: every site, open, being built or closed."""
    return Site.objects.select_related("region", "operator")


def visible_spaces(user) -> QuerySet[Space]:
    """Spaces are shown to people who work or are hosted in the network."""
    p = principal(user)
    if not p.is_authenticated:
        return Space.objects.none()
    return Space.objects.select_related("site")


def managed_sites(user) -> QuerySet[Site]:
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.all()
    return Site.objects.filter(pk__in=p.managed_site_ids)


@rule("site.view")
def _site_view(p: Principal, site: Site) -> bool:
    return True


@rule("site.view_tenants")
def _site_view_tenants(p: Principal, site: Site) -> bool:
    return p.works_at_site(site.pk)


@rule("site.change")
def _site_change(p: Principal, site: Site) -> bool:
    return p.manages_site(site.pk)


@rule("site.add")
def _site_add(p: Principal, obj) -> bool:
    return p.is_network_admin


@rule("space.view")
def _space_view(p: Principal, space: Space) -> bool:
    return p.is_authenticated


@rule("space.change")
def _space_change(p: Principal, space: Space) -> bool:
    return p.manages_site(space.site_id)
