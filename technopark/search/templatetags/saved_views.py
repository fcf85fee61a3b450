"""`{% saved_views %}`: a list page's "save this view" control and its saved views.

One line in a list's template (`{% load saved_views %}{% saved_views %}`): it reads the
page's path and query string and the person's views of that page (own and their team's).
"""

from __future__ import annotations

from django import template

from technopark.accounts.permissions import can
from technopark.search.permissions import team_sites, visible_saved_views
from technopark.search.selectors import saved_views_for

register = template.Library()


@register.inclusion_tag("search/_save_view.html", takes_context=True)
def saved_views(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not can(user, "search.use"):
        return {"show": False}
    query = "&".join(
        p for p in request.GET.urlencode().split("&") if p and not p.startswith("page=")
    )
    views = list(saved_views_for(user, request.path))
    return {
        "show": True,
        "views": views,
        "current_query": query,
        "current_url": request.get_full_path(),
        "sites": list(team_sites(user)),
        "user_id": user.pk,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("search/_views_menu.html", takes_context=True)
def saved_views_menu(context) -> dict:
    """The menu group of the person's saved views: their own, then each team's (the views
    colleagues shared with a site they work at), each linking to its list with its
    filters. Drawn afresh on every page (outside the kept top bar, core's chrome.py): one
    query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not can(user, "search.use"):
        return {"own": [], "teams": []}
    own, teams = [], {}
    for view in visible_saved_views(user).order_by("name", "pk"):
        if view.owner_id == user.pk:
            own.append(view)
        else:
            teams.setdefault(view.shared_site, []).append(view)
    return {
        "own": own,
        "teams": sorted(teams.items(), key=lambda item: item[0].name),
    }
