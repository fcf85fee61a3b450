"""Open data: the network's headline figures and their history, for anyone, as HTML, JSON, CSV."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.csv_export import BOM, csv_row
from technopark.core.query import search_text
from technopark.impact.engine import UnknownScope
from technopark.publishing import figures
from technopark.publishing.charts import bar_chart
from technopark.publishing.reports import format_value


def _open(request: HttpRequest) -> dict:
    site = search_text(request.GET.get("site")) or None
    try:
        return figures.open_figures(today=timezone.localdate(), site=site)
    except UnknownScope:
        raise Http404 from None


def figures_page(request: HttpRequest) -> HttpResponse:
    data = _open(request)
    cards = [
        {
            "label": f.label,
            "value": format_value(data["figures"][f.key]["value"], f.kind),
            "suppressed": data["figures"][f.key]["suppressed"],
        }
        for f in figures.HEADLINE
    ]
    charts = []
    for key in figures.TREND_KEYS:
        figure = figures.BY_KEY[key]
        scale = 100 if figure.kind == "rate" else 1
        points = [
            (
                str(row["year"]),
                None if row[key]["value"] is None else float(row[key]["value"]) * scale,
            )
            for row in data["history"]
        ]
        charts.append(
            (
                figure.label,
                bar_chart(points, title=str(figure.label), rtl=request.LANGUAGE_CODE == "ar"),
            )
        )
    history = [
        {
            "year": row["year"],
            "values": [format_value(row[f.key]["value"], f.kind) for f in figures.HEADLINE[:8]],
        }
        for row in reversed(data["history"])
    ]
    return render(
        request,
        "publishing/figures.html",
        {
            "data": data,
            "cards": cards,
            "charts": charts,
            "history_headers": [f.label for f in figures.HEADLINE[:8]],
            "history": history,
            "min_group": figures.MIN_GROUP,
            "site": request.GET.get("site", ""),
        },
    )


def figures_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(_open(request), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def figures_csv(request: HttpRequest) -> HttpResponse:
    data = _open(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="technopark-figures.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    response.write(BOM)  # so spreadsheet software reads the accents right
    writer = csv.writer(response)
    writer.writerow(["year", "as_of", "scope", "key", "value", "suppressed"])
    for row in data["history"]:
        for key in figures.HEADLINE_KEYS:
            cell = row[key]
            writer.writerow(
                csv_row(
                    [
                        row["year"],
                        row["as_of"],
                        data["scope"],
                        key,
                        cell["value"],
                        int(cell["suppressed"]),
                    ]
                )
            )
    return response


def methodology_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/methodology.html",
        {
            "definitions": figures.methodology(),
            "min_group": figures.MIN_GROUP,
            "title": _("Methodology"),
        },
    )
