"""Search and saved views: everyone signed in searches and saves; a view is its owner's."""

from __future__ import annotations

from technopark.core.matrix import Case, everyone
from technopark.search.models import SavedView


def _owner_view(c) -> str:
    view = SavedView.objects.create(owner=c.owner, name="Mes factures", path="/startups/")
    return f"/search/views/{view.pk}/delete/"


CASES = [
    Case("search:search", lambda c: "/search/?q=Own", everyone(200, anonymous=302)),
    Case("search:views", lambda c: "/search/views/", everyone(200, anonymous=302)),
    Case(
        "search:view_save",
        lambda c: "/search/views/save/",
        everyone(302),
        method="post",
        data=lambda c: {"name": "Vue", "url": "/startups/?q=a"},
    ),
    # Someone else's view does not exist for them.
    Case(
        "search:view_delete",
        _owner_view,
        {
            "owner": 302,
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
    ),
]
