"""The bilan as documents: a PDF to hand to the press (fr, ar, en) and an Excel workbook.

`technopark bilan --format pdf|xlsx` (impact's command) and the staff download page call
`bilan_pdf` and `bilan_xlsx`; the background job calls the same functions with progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from technopark.core.formatting import grouped
from technopark.core.xlsx import xlsx_bytes
from technopark.impact.definitions import AREA, COUNT, MAD, RATE
from technopark.impact.formatting import format_number
from technopark.network.models import Site
from technopark.publishing import figures
from technopark.publishing.charts import bar_chart

Progress = Callable[[int], None]
# The eight figures on the front page, as in the director's bilan.
FRONT = [
    "startups_supported",
    "residents",
    "jobs_created",
    "occupancy_rate",
    "incubation_success_rate",
    "post_exit_survival_rate",
    "export_share",
    "satisfaction_rate",
]
SITE_COLUMNS = [
    "startups_supported",
    "residents",
    "occupancy_rate",
    "jobs_created",
    "incubation_success_rate",
    "post_exit_survival_rate",
    "export_share",
    "satisfaction_rate",
]
TREND_YEARS = 10


UNITS = {"count": COUNT, "rate": RATE, "amount": MAD, "area": AREA}


def format_value(value, kind: str) -> str:
    """A figure as people read it: the bilan's own formatting (impact/formatting.py)."""
    return format_number(value, UNITS[kind])


def _kind(key: str) -> str:
    figure = figures.BY_KEY.get(key)
    if figure:
        return figure.kind
    if key.endswith("_rate") or key.endswith("_share"):
        return "rate"
    if key.endswith("_mad"):
        return "amount"
    if key.endswith("_m2"):
        return "area"
    return "count"


def _label(key: str) -> str:
    return figures.engine_label(key) or key.replace("_", " ").capitalize()


def _trend(as_of: dt.date, site: str | None, progress: Progress | None, start: int, end: int):
    years = list(range(as_of.year - TREND_YEARS + 1, as_of.year + 1))
    rows = []
    for i, year in enumerate(years):
        day = as_of if year == as_of.year else dt.date(year, 12, 31)
        rows.append((year, figures.compute(as_of=day, site=site)["kpis"]))
        if progress:
            progress(start + (end - start) * (i + 1) // len(years))
    return rows


def _site_rows(as_of: dt.date, site: str | None, progress, start: int, end: int):
    sites = list(figures.operating_sites(as_of))
    if site:
        sites = [s for s in sites if s.code == site] or list(Site.objects.filter(code=site))
    rows = []
    for i, s in enumerate(sites):
        rows.append((s, figures.compute(as_of=as_of, site=s.code)["kpis"]))
        if progress:
            progress(start + (end - start) * (i + 1) // max(len(sites), 1))
    return rows


def _pdf_context(*, as_of, site, language, progress):
    data = figures.compute(as_of=as_of, site=site)
    kpis = data["kpis"]
    if progress:
        progress(10)
    sites = _site_rows(as_of, site, progress, 10, 40)
    trend = _trend(as_of, site, progress, 40, 80)
    rtl = translation.get_language_bidi()
    charts = []
    for key in figures.TREND_KEYS:
        kind = _kind(key)
        scale = 100 if kind == "rate" else 1
        points = [
            (str(year), None if k.get(key) is None else float(k[key]) * scale) for year, k in trend
        ]
        charts.append(
            bar_chart(
                points,
                title=_label(key),
                rtl=rtl,
                fmt=(lambda v: f"{grouped(v)} %") if kind == "rate" else grouped,
                color="#e07a1f" if kind == "rate" else "#0b5ed7",
            )
        )
    scope_site = Site.objects.filter(code=site).first() if site else None
    front = [(_label(k), format_value(kpis.get(k), _kind(k))) for k in FRONT]
    chart_pairs = list(zip([_label(k) for k in figures.TREND_KEYS], charts, strict=True))
    return {
        "as_of": as_of,
        "scope_site": scope_site,
        "front_rows": [front[i : i + 4] for i in range(0, len(front), 4)],
        "chart_rows": [chart_pairs[i : i + 2] for i in range(0, len(chart_pairs), 2)],
        "more": [
            (_label(k), format_value(kpis.get(k), _kind(k)))
            for k in figures.HEADLINE_KEYS
            if k not in FRONT
        ],
        "site_headers": [_label(k) for k in SITE_COLUMNS],
        "total_row": None
        if site
        else [format_value(kpis.get(key), _kind(key)) for key in SITE_COLUMNS],
        "site_rows": [
            (s, [format_value(k.get(key), _kind(key)) for key in SITE_COLUMNS]) for s, k in sites
        ],
        "methodology": figures.methodology(),
        "rtl": rtl,
        "language": language,
        "generated_on": dt.date.today(),
    }


def render_pdf(
    *, as_of: dt.date, site: str | None, language: str, progress: Progress | None = None
) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        context = _pdf_context(as_of=as_of, site=site, language=language, progress=progress)
        html = render_to_string("publishing/report_pdf.html", context)
    pdf = HTML(string=html).write_pdf()
    if progress:
        progress(100)
    return pdf


def bilan_pdf(*, as_of: dt.date, site: str | None, language: str) -> bytes:
    return render_pdf(as_of=as_of, site=site, language=language)


DRILL_KEYS = [
    "startups_supported",
    "residents",
    "jobs_created",
    "exporters",
    "post_exit_survived",
    "patents_filed",
    "funding_raised_mad",
]


def _drilldown(as_of: dt.date, site: str | None, startups=None) -> list:
    """The records behind the main figures (the engine's drill-down lists), one sheet each.

    `startups` narrows the lists to the startups a user may read (None: everything, for the
    command line and administrators)."""
    from technopark.impact.drilldown import Link, drilldown

    sheets = []
    for key in DRILL_KEYS:
        drill = drilldown(key, as_of=as_of, site=site, startups=startups, limit=None)
        rows = [[str(c) if isinstance(c, Link) else c for c in row] for row in drill.rows]
        sheets.append((f"{_label(key)}"[:31], [str(c) for c in drill.columns], rows))
    return sheets


def render_xlsx(
    *,
    as_of: dt.date,
    site: str | None,
    progress: Progress | None = None,
    startups=None,
    language: str | None = None,
) -> bytes:
    """The bilan's workbook in `language` (default: the active one); right to left in Arabic."""
    with translation.override(language or translation.get_language()):
        return _render_xlsx(as_of=as_of, site=site, progress=progress, startups=startups)


def _render_xlsx(*, as_of: dt.date, site: str | None, progress: Progress | None, startups) -> bytes:
    headers = [_("Figure"), _("Key"), _("Value")]
    scopes = [(_("Network"), None)] if not site else []
    scopes += [
        (s.code, s.code) for s in figures.operating_sites(as_of) if not site or s.code == site
    ]
    if site and not any(code == site for _n, code in scopes):
        scopes.append((site, site))
    sheets = []
    for i, (title, code) in enumerate(scopes):
        kpis = figures.compute(as_of=as_of, site=code)["kpis"]
        sheets.append(
            (
                title,
                headers,
                [
                    (_label(k), k, float(v) if isinstance(v, Decimal) else v)
                    for k, v in kpis.items()
                ],
            )
        )
        if progress:
            progress(80 * (i + 1) // len(scopes))
    sheets += _drilldown(as_of, site, startups)
    method = figures.methodology()
    if method:
        sheets.append(
            (
                _("Methodology"),
                [_("Key"), _("Figure"), _("Definition")],
                [(m["key"], m["label"], m["definition"]) for m in method],
            )
        )
    content = xlsx_bytes(sheets)
    if progress:
        progress(100)
    return content


def bilan_xlsx(*, as_of: dt.date, site: str | None, language: str | None = None) -> bytes:
    return render_xlsx(as_of=as_of, site=site, language=language)
