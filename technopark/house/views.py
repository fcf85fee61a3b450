"""The home page and the privacy notice (the health checks are in operations.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.core import clock
from technopark.core.hooks import today_items
from technopark.house.selectors import headline_trend, home_page


def home(request: HttpRequest) -> HttpResponse:
    """The public home for visitors; for a signed-in person, what needs them today."""
    if not request.user.is_authenticated:
        meta = {
            "title": _("The national network of technology parks"),
            "description": _(
                "The national network of technology parks: its sites on a map of Morocco, its "
                "figures, its open calls, events and startups."
            ),
        }
        return render(request, "core/home.html", {**home_page(), "meta": meta})
    items = today_items(request)
    p = principal(request.user)
    return render(
        request,
        "core/home_today.html",
        {
            "work": [item for item in items if item.section == "work"],
            "mine": [item for item in items if item.section == "mine"],
            # Leadership: the bilan's headline figures, with a year's change.
            "figures": headline_trend(clock.today()) if p.is_network_admin else [],
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """The full notice lives with the privacy app; this address stays for old links."""
    return redirect("privacy:notice", permanent=True)
