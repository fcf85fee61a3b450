"""Open data: the network's headline figures and their history, for anyone, as HTML, JSON, CSV."""

from __future__ import annotations

import csv
import hashlib
import time

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _

from technopark.core.csv_export import BOM, csv_row
from technopark.core.query import search_text
from technopark.impact.engine import UnknownScope
from technopark.network.models import Site
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


# The licence of everything under /open/ (see docs/open-data.md for why this one).
LICENCE = {
    "name": "ODC-By-1.0",
    "path": "https://opendatacommons.org/licenses/by/1-0/",
    "title": "Open Data Commons Attribution License v1.0",
}
SEEN_FOR = 30 * 86400


def open_data(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """What every open-data file carries: CORS for any origin, an ETag (the content's hash)
    and a Last-Modified (when this exact content was first served), and a 304 to a
    conditional request whose copy is still current."""
    response["Access-Control-Allow-Origin"] = "*"
    if response.status_code != 200 or response.streaming:
        return response
    etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
    first_seen = cache.get_or_set(f"open:seen:{etag}", lambda: int(time.time()), SEEN_FOR)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(first_seen)
    response["Cache-Control"] = "public, max-age=300"
    answer = get_conditional_response(
        request, etag=etag, last_modified=first_seen, response=response
    )
    answer["Access-Control-Allow-Origin"] = "*"
    return answer


def figures_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(_open(request), json_dumps_params={"ensure_ascii": False})
    return open_data(request, response)


def figures_csv(request: HttpRequest) -> HttpResponse:
    data = _open(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="technopark-figures.csv"'
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
    return open_data(request, response)


SITE_COLUMNS = ("code", "name", "city", "region", "status", "opened_on", "latitude", "longitude")


def sites_csv(request: HttpRequest) -> HttpResponse:
    """The network's sites, open, being built or closed, with where they are."""
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="technopark-sites.csv"'
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(SITE_COLUMNS)
    for site in Site.objects.order_by("code"):
        writer.writerow(
            csv_row(
                [
                    site.code,
                    site.name,
                    site.city,
                    site.region_id,
                    site.status_on(today),
                    site.opened_on,
                    site.latitude,
                    site.longitude,
                ]
            )
        )
    return open_data(request, response)


def _schema_figures() -> dict:
    return {
        "fields": [
            {"name": "year", "type": "integer", "title": "Year"},
            {
                "name": "as_of",
                "type": "date",
                "title": "As of",
                "description": "31 December of the year, or today for the current year.",
            },
            {
                "name": "scope",
                "type": "string",
                "description": "The network, or one site's code.",
            },
            {
                "name": "key",
                "type": "string",
                "description": "The figure's key; its name and definition are in "
                "/open/methodology/ and in docs/figures.md.",
                "constraints": {"enum": figures.HEADLINE_KEYS},
            },
            {
                "name": "value",
                "type": "number",
                "description": "Empty when withheld (fewer than 5 startups) or not defined; "
                "rates are between 0 and 1.",
            },
            {
                "name": "suppressed",
                "type": "boolean",
                "trueValues": ["1"],
                "falseValues": ["0"],
                "description": "1 when the figure is withheld so nobody can be identified.",
            },
        ],
        "primaryKey": ["year", "scope", "key"],
        "missingValues": [""],
    }


def _schema_sites() -> dict:
    return {
        "fields": [
            {"name": "code", "type": "string", "constraints": {"required": True}},
            {"name": "name", "type": "string"},
            {"name": "city", "type": "string"},
            {
                "name": "region",
                "type": "string",
                "description": "ISO 3166-2 code of the region (2015 division).",
                "constraints": {"pattern": "MA-[0-9]{2}"},
            },
            {
                "name": "status",
                "type": "string",
                "constraints": {"enum": [s.value for s in Site.Status]},
            },
            {"name": "opened_on", "type": "date"},
            {"name": "latitude", "type": "number"},
            {"name": "longitude", "type": "number"},
        ],
        "primaryKey": ["code"],
        "missingValues": [""],
    }


def datapackage(request: HttpRequest) -> HttpResponse:
    """The open data as a Frictionless (tabular) Data Package, for portals to harvest."""
    base = request.build_absolute_uri("/").rstrip("/")
    package = {
        "profile": "tabular-data-package",
        "name": "technopark-network",
        "title": "Technopark network: figures and sites",
        "description": "The headline figures of Morocco's network of technology parks, year "
        "by year, and its sites. Figures about fewer than 5 startups are withheld.",
        "homepage": base + reverse("publishing:reuse"),
        "licenses": [LICENCE],
        "keywords": ["Morocco", "startups", "technology parks", "incubation"],
        "created": f"{timezone.localdate().isoformat()}T00:00:00Z",
        "resources": [
            {
                "name": "figures",
                "path": base + reverse("publishing:figures_csv"),
                "title": "Headline figures, year by year",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "licenses": [LICENCE],
                "schema": _schema_figures(),
            },
            {
                "name": "sites",
                "path": base + reverse("publishing:sites_csv"),
                "title": "Sites of the network",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "licenses": [LICENCE],
                "schema": _schema_sites(),
            },
        ],
    }
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return open_data(request, response)


def reuse_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publishing/reuse.html",
        {
            "licence": LICENCE,
            "min_group": figures.MIN_GROUP,
            "meta": {
                "title": _("Reuse the open data"),
                "description": _(
                    "How to reuse the network's open data: the licence, the files and their "
                    "schemas, the data package for portals."
                ),
            },
        },
    )


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
