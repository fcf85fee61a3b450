"""The regions page: a map and a table of demand and capacity, and one region's offer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technopark.accounts.permissions import get_visible_or_404
from technopark.core.query import page_day
from technopark.federation.selectors import choropleth, region_offer, region_rows
from technopark.network.geo import region_shapes, viewbox
from technopark.network.models import Region

MEASURE_LABELS = {
    "supported": _("Startups supported"),
    "residents": _("Resident startups"),
    "applications_received": _("Applications received"),
    "applications_admitted": _("Applications admitted"),
    "waiting": _("On a waiting list"),
    "leasable_area_m2": _("Leasable area (m²)"),
    "gap": _("Demand minus capacity"),
}


def _day(request: HttpRequest):
    return page_day(request, "as_of", timezone.localdate())


def region_list(request: HttpRequest) -> HttpResponse:
    day = _day(request)
    measure = request.GET.get("measure") or "supported"
    if measure not in MEASURE_LABELS:
        measure = "supported"
    rows = region_rows(day)
    shapes = region_shapes()
    values = {row.region.code: float(getattr(row, measure)) for row in rows}
    css, classes = choropleth(values)
    regions_map = [
        {
            "row": row,
            "shape": shapes[row.region.code],
            "css": css[row.region.code],
            "value": getattr(row, measure),
        }
        for row in rows
        if row.region.code in shapes
    ]
    totals = {
        key: sum(getattr(row, key) for row in rows)
        for key in (
            "supported",
            "residents",
            "applications_received",
            "applications_admitted",
            "waiting",
            "leasable_area_m2",
            "leasable_units",
            "seats",
            "demand",
            "gap",
        )
    }
    return render(
        request,
        "federation/region_list.html",
        {
            "day": day,
            "rows": rows,
            "totals": totals,
            "map": regions_map,
            "viewbox": viewbox(),
            "classes": classes,
            "measure": measure,
            "measure_label": MEASURE_LABELS[measure],
            "measures": list(MEASURE_LABELS.items()),
        },
    )


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_visible_or_404(Region.objects.all(), code=code)
    day = _day(request)
    row = next(r for r in region_rows(day) if r.region.code == region.code)
    return render(
        request,
        "federation/region_detail.html",
        {
            "day": day,
            "region": region,
            "row": row,
            "offer": region_offer(region, day),
            "shape": region_shapes().get(region.code),
            "viewbox": viewbox(),
            "shapes": region_shapes().values(),
        },
    )
