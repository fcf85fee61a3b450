"""Who searches and whose saved views one sees.

Everyone signed in searches; what a search finds is read through each app's `visible_*`
querysets (selectors.py), never decided here. A saved view is seen by its owner, and by
the team (managers, program officers) of the site it is shared with.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.network.models import Site
from technopark.search.models import SavedView


@rule("search.use")
def _search_use(p: Principal, obj) -> bool:
    return p.is_authenticated


@rule("saved_view.delete")
def _saved_view_delete(p: Principal, view: SavedView) -> bool:
    return view.owner_id == p.user_id


def team_sites(user) -> QuerySet[Site]:
    """The sites whose team the person may share a view with: those they work at."""
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.order_by("name")
    return Site.objects.filter(pk__in=p.staff_site_ids).order_by("name")


def visible_saved_views(user) -> QuerySet[SavedView]:
    p = principal(user)
    if not p.is_authenticated:
        return SavedView.objects.none()
    q = Q(owner_id=p.user_id)
    if p.staff_site_ids:
        q |= Q(shared_site_id__in=p.staff_site_ids)
    return SavedView.objects.filter(q).select_related("owner", "shared_site")
