"""API: the open figures (anonymous), and the showcase feed, as on /open/."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema
from pydantic import create_model

from technopark.impact.engine import UnknownScope
from technopark.publishing import figures

router = Router(tags=["open data"])


class FigureOut(Schema):
    value: int | float | None
    suppressed: bool


FiguresOut = create_model(
    "FiguresOut", __base__=Schema, **{key: (FigureOut, ...) for key in figures.HEADLINE_KEYS}
)
YearOut = create_model("YearFiguresOut", __base__=FiguresOut, year=(int, ...), as_of=(dt.date, ...))


class OpenFiguresOut(Schema):
    as_of: dt.date
    scope: str
    min_group: int
    figures: FiguresOut
    history: list[YearOut]


@router.get(
    "/open/figures",
    response=OpenFiguresOut,
    summary="The network's headline figures and their yearly history (small groups suppressed)",
)
def open_figures(request, site: str = ""):
    try:
        return figures.open_figures(today=timezone.localdate(), site=site.strip() or None)
    except UnknownScope:
        raise Http404 from None
