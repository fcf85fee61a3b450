"""API: the open figures (anonymous), and the showcase feed, as on /open/."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from ninja import Router

from technopark.impact.engine import UnknownScope
from technopark.publishing import figures

router = Router(tags=["open data"])


@router.get(
    "/open/figures",
    summary="The network's headline figures and their yearly history (small groups suppressed)",
)
def open_figures(request, site: str = ""):
    try:
        return figures.open_figures(today=timezone.localdate(), site=site.strip() or None)
    except UnknownScope:
        raise Http404 from None
