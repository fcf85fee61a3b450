"""The bilan pages: the dashboard, each figure's records, the methodology, the editions."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from technopark.accounts.permissions import can, get_visible_or_404
from technopark.core.errors import DomainError
from technopark.core.formatting import grouped
from technopark.core.listing import export_language, unknown_language_response
from technopark.core.query import page_day, search_text
from technopark.impact.charts import LineChart
from technopark.impact.definitions import FIGURE_BY_KEY, FIGURES, GROUPS
from technopark.impact.drilldown import Link, drilldown
from technopark.impact.engine import Scope, compute_bilan, compute_kpis
from technopark.impact.formatting import format_value
from technopark.impact.forms import BilanScopeForm, EditionForm
from technopark.impact.models import Edition
from technopark.impact.permissions import bilan_sites, drill_startups
from technopark.impact.services import edition_changes, edition_freeze
from technopark.impact.trends import TREND_KEYS, cached_trend_series

COMPARED_KEYS = [f.key for f in FIGURES if f.headline and f.group != "sites"]


def _scope_from(
    request: HttpRequest, *, tell: bool = True
) -> tuple[dt.date, object, BilanScopeForm]:
    """The as-of date and site asked for, checked against what the user may read (`tell`:
    say on the page when the date is wrong; not in the parts loaded after the page)."""
    if not can(request.user, "bilan.view", None):
        raise Http404
    form = BilanScopeForm(request.GET or None, sites=bilan_sites(request.user))
    if request.GET and not form.is_valid() and "site" in form.errors:
        raise Http404
    return page_day(request, "as_of", dt.date.today(), tell=tell), form.chosen_site(), form


def _rows(kpis: dict) -> list[dict]:
    return [
        {"figure": f, "value": kpis[f.key], "text": format_value(f, kpis[f.key])}
        for f in FIGURES
        if f.key in kpis
    ]


def _trends(day: dt.date, site) -> list[LineChart]:
    first = site.opened_on.year if site and site.opened_on else 2001
    days = [dt.date(year, 12, 31) for year in range(first, day.year)][-25:] + [day]
    series = cached_trend_series(Scope(as_of=day, site=site), days)
    return [
        LineChart(
            title=str(FIGURE_BY_KEY[key].label),
            points=[(str(d.year), v) for d, v in zip(days, series[key], strict=True)],
            percent=FIGURE_BY_KEY[key].is_rate,
            rtl=get_language_bidi(),
        )
        for key in TREND_KEYS
    ]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    day, site, form = _scope_from(request)
    bilan = compute_bilan(as_of=day, site=site)
    rows = _rows(bilan["kpis"])
    # Each figure's drill-down address, built once a figure, not by two {% url %} a row.
    query = urlencode({"as_of": day.isoformat(), **({"site": site.code} if site else {})})
    figure = reverse("impact:figure", args=["KEY"])
    for row in rows:
        row["url"] = f"{figure.replace('KEY', row['figure'].key)}?{query}"
    groups = [(label, [r for r in rows if r["figure"].group == g]) for g, label in GROUPS.items()]
    headline = [r for r in rows if r["figure"].headline]
    return render(
        request,
        "impact/dashboard.html",
        {
            "form": form,
            "day": day,
            "site": site,
            "headline": headline,
            "groups": groups,
            "can_freeze": can(request.user, "bilan.freeze", site),
        },
    )


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    """The operating sites side by side (loaded after the page: one bilan per site)."""
    day, _site, _form = _scope_from(request, tell=False)
    sites, by_site = [], {}
    for other in bilan_sites(request.user).order_by("opened_on", "code"):
        if other.status_on(day) == "open":
            sites.append(other)
            by_site[other.pk] = compute_kpis(Scope(as_of=day, site=other), COMPARED_KEYS)
    rows = [
        (
            FIGURE_BY_KEY[key],
            [(s, format_value(FIGURE_BY_KEY[key], by_site[s.pk][key])) for s in sites],
        )
        for key in COMPARED_KEYS
    ]
    return render(request, "impact/_compare.html", {"sites": sites, "rows": rows, "day": day})


@login_required
def trends(request: HttpRequest) -> HttpResponse:
    """The charts of the dashboard, loaded after the page (they take the longest)."""
    day, site, _form = _scope_from(request, tell=False)
    return render(request, "impact/_trends.html", {"charts": _trends(day, site)})


@login_required
def figure_detail(request: HttpRequest, key: str) -> HttpResponse:
    if key not in FIGURE_BY_KEY:
        raise Http404
    day, site, form = _scope_from(request)
    q = search_text(request.GET.get("q"))
    visible = drill_startups(request.user)
    if request.GET.get("format") == "xlsx":
        # In the language asked (`&language=ar`), else the interface's; Arabic: right to left.
        language = export_language(request.GET)
        if not language:
            return unknown_language_response()
        with translation.override(language):
            drill = drilldown(key, as_of=day, site=site, startups=visible, q=q, limit=None)
            return _xlsx(drill, day, site)
    drill = drilldown(key, as_of=day, site=site, startups=visible, q=q, limit=500)
    value = compute_kpis(Scope(as_of=day, site=site), [key])[key]
    return render(
        request,
        "impact/figure.html",
        {
            "form": form,
            "day": day,
            "site": site,
            "drill": drill,
            "cells": [[_cell(c) for c in row] for row in drill.rows],
            "figure": drill.figure,
            "value": format_value(drill.figure, value),
            "q": q,
            "restricted": visible is not None,
        },
    )


def _cell(value) -> tuple[str, str]:
    """A drill-down cell as (text, url), formatted once here rather than in the template."""
    if isinstance(value, Link):
        return value.text, value.url
    if value is None:
        return "", ""
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT"), ""
    if isinstance(value, Decimal | float):
        # Rounded half up with the French grouping, like every figure (number_format cut a
        # Decimal: 295.659 read 295,65).
        return grouped(value, 2), ""
    return str(value), ""


def _xlsx(drill, day: dt.date, site) -> HttpResponse:
    from openpyxl import Workbook

    from technopark.core.xlsx import right_to_left, typed_row, xlsx_file_response

    book = Workbook(write_only=True)
    sheet = book.create_sheet(drill.figure.key[:31])
    right_to_left(sheet)
    sheet.append(typed_row(sheet, [drill.figure.label, day, site.code if site else "network"]))
    sheet.append(typed_row(sheet, drill.columns))
    for row in drill.rows:
        # a startup's name is text, never a formula (core/xlsx.py)
        sheet.append(typed_row(sheet, [str(c) if isinstance(c, Link) else c for c in row]))
    out = io.BytesIO()
    book.save(out)
    scope = site.code if site else "reseau"
    name = f"bilan-{drill.figure.key}-{scope}-{day.isoformat()}.xlsx"
    return xlsx_file_response(name, out.getvalue())


def methodology(request: HttpRequest) -> HttpResponse:
    groups = [(label, [f for f in FIGURES if f.group == g]) for g, label in GROUPS.items()]
    return render(request, "impact/methodology.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def edition_list(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "bilan.view", None):
        raise Http404
    sites = bilan_sites(request.user)
    form = EditionForm(request.POST or None, sites=sites)
    if request.method == "POST" and form.is_valid():
        try:
            edition = edition_freeze(
                name=form.cleaned_data["name"],
                as_of=form.cleaned_data["as_of"],
                site=form.cleaned_data["site"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as exc:
            if exc.status == 403:
                return HttpResponse(exc.message, status=403)
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The bilan is published as “%s”.") % edition.name)
            return redirect(edition)
    editions = _visible_editions(request.user).select_related("site")
    return render(
        request,
        "impact/edition_list.html",
        {
            "form": form,
            "editions": editions,
            "can_freeze": any(can(request.user, "bilan.freeze", s) for s in [None, *sites]),
        },
    )


def _visible_editions(user):
    """Network editions for all who read the bilan; a site's for those who read that site's."""
    return Edition.objects.filter(Q(site__isnull=True) | Q(site__in=bilan_sites(user)))


@login_required
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not can(request.user, "bilan.view", None):
        raise Http404
    edition = get_visible_or_404(_visible_editions(request.user).select_related("site"), pk=pk)
    frozen = edition.figures.get("kpis", {})
    changes = None
    if request.GET.get("recompute"):
        changes = [
            {
                "figure": FIGURE_BY_KEY[key],
                "then": format_value(FIGURE_BY_KEY[key], then),
                "now": format_value(FIGURE_BY_KEY[key], now),
            }
            for key, then, now in edition_changes(edition)
        ]
    return render(
        request,
        "impact/edition_detail.html",
        {"edition": edition, "rows": _rows(frozen), "changes": changes},
    )
