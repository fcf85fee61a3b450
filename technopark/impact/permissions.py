"""Who may read the bilan, follow its figures to their records, and freeze editions.

Staff of the network (and of partners) read the network's bilan; a site's bilan is read by
network admins and by the staff of that site. Startups and visitors do not see it here
(the public figures are on the open-data page). Drill-down lists only show records of the
startups whose private records the user may read.
"""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.network.models import Site
from technopark.startups.models import Startup
from technopark.startups.permissions import private_startups


@rule("bilan.view")
def _bilan_view(p: Principal, site: Site | None) -> bool:
    if site is None:
        return p.is_staff
    return p.is_network_admin or site.pk in p.staff_site_ids


@rule("bilan.freeze")
def _bilan_freeze(p: Principal, site: Site | None) -> bool:
    """Network admins freeze any edition; site managers those of their own site."""
    if site is None:
        return p.is_network_admin
    return p.manages_site(site.pk)


def bilan_sites(user) -> QuerySet[Site]:
    """The sites whose bilan the user may read."""
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.all()
    return Site.objects.filter(pk__in=p.staff_site_ids)


def drill_startups(user) -> QuerySet[Startup] | None:
    """Startups whose records a drill-down may list; None means every startup."""
    if principal(user).is_network_admin:
        return None
    return private_startups(user)
