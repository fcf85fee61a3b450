"""The published figures: the bilan's headline keys, their history, and small-group suppression.

Every number comes from the bilan engine (technopark.impact.engine.compute_bilan), so the
open-data page, the feed, the PDF and the Excel file say what the dashboard says. A figure
about fewer than MIN_GROUP startups is published as null with `suppressed: true`, so that no
startup can be identified from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Min

from technopark.network.models import Site

MIN_GROUP = 5
FIRST_YEAR = 2001


@dataclass(frozen=True)
class Figure:
    key: str
    kind: str  # count | rate | amount | area
    population: str | None  # the kpi counting the startups this figure is about

    @property
    def label(self):
        """The figure's one name: the bilan's (impact/definitions.py), on every page and file."""
        from technopark.impact.definitions import FIGURES

        return next(f.label for f in FIGURES if f.key == self.key)


HEADLINE = [
    Figure("startups_supported", "count", "startups_supported"),
    Figure("startups_supported_direct", "count", "startups_supported_direct"),
    Figure("residents", "count", "residents"),
    Figure("occupancy_rate", "rate", "residents"),
    Figure("jobs_created", "count", "startups_supported"),
    Figure("jobs_direct", "count", "startups_supported"),
    Figure("jobs_indirect", "count", "startups_supported"),
    Figure("incubation_success_rate", "rate", "_incubation_exits"),
    Figure("post_exit_survival_rate", "rate", "_observed"),
    Figure("renewal_rate", "rate", "residents_year_before"),
    Figure("export_share", "rate", "residents"),
    Figure("export_continents", "count", "exporters"),
    Figure("patents_filed", "count", "startups_supported"),
    Figure("funding_raised_mad", "amount", "startups_supported"),
    Figure("satisfaction_rate", "rate", "satisfaction_responses"),
    Figure("gie_count", "count", None),
    Figure("merger_count", "count", None),
    Figure("sites_operational", "count", None),
    Figure("sites_in_progress", "count", None),
]
HEADLINE_KEYS = [f.key for f in HEADLINE]
BY_KEY = {f.key: f for f in HEADLINE}
# The figures the history and the charts follow, year by year.
TREND_KEYS = ["startups_supported", "residents", "jobs_created", "occupancy_rate"]


def compute(*, as_of: dt.date, site: str | None = None) -> dict:
    from technopark.impact.engine import compute_bilan

    return compute_bilan(as_of=as_of, site=site)


def methodology() -> list[dict]:
    """The engine's definitions, for the annex and the page: the bilan's single source."""
    from technopark.impact.definitions import FIGURES, GROUPS

    return [
        {
            "key": f.key,
            "label": str(f.label),
            "definition": str(f.definition),
            "window": str(f.window),
            "limits": str(f.limits),
            "group": str(GROUPS.get(f.group, f.group)),
        }
        for f in FIGURES
    ]


def engine_label(key: str) -> str | None:
    from technopark.impact.definitions import FIGURES

    for f in FIGURES:
        if f.key == key:
            return str(f.label)
    return None


def _population(kpis: dict, name: str | None) -> int | None:
    if name is None:
        return None
    if name == "_incubation_exits":
        return (kpis.get("incubation_graduated") or 0) + (kpis.get("incubation_discontinued") or 0)
    if name == "_observed":
        return (kpis.get("post_exit_survived") or 0) + (kpis.get("post_exit_closed") or 0)
    value = kpis.get(name)
    return int(value) if value is not None else 0


def suppressed(kpis: dict) -> dict[str, dict]:
    """Each headline figure as {"value", "suppressed"}: null when about fewer than 5 startups."""
    out = {}
    for figure in HEADLINE:
        value = kpis.get(figure.key)
        population = _population(kpis, figure.population)
        hide = population is not None and population < MIN_GROUP
        out[figure.key] = {"value": None if hide else value, "suppressed": hide}
    return out


def first_year() -> int:
    from technopark.programs.models import Enrollment

    found = Enrollment.objects.aggregate(first=Min("started_on"))["first"]
    return max(found.year, FIRST_YEAR) if found else dt.date.today().year


def history(*, today: dt.date, site: str | None = None, years: int = 12) -> list[dict]:
    """The headline figures at the end of each year (today for the current year), suppressed."""
    key = f"publishing:history:{today.isoformat()}:{site or 'network'}:{years}"
    found = cache.get(key)
    if found is not None:
        return found
    rows = []
    for year in range(max(first_year(), today.year - years + 1), today.year + 1):
        as_of = today if year == today.year else dt.date(year, 12, 31)
        rows.append(
            {
                "year": year,
                "as_of": as_of.isoformat(),
                **suppressed(compute(as_of=as_of, site=site)["kpis"]),
            }
        )
    cache.set(key, rows, 3600)
    return rows


def open_figures(*, today: dt.date, site: str | None = None) -> dict:
    """What the open-data page, JSON and CSV publish."""
    current = compute(as_of=today, site=site)
    return {
        "as_of": current["as_of"],
        "scope": current["scope"],
        "min_group": MIN_GROUP,
        "figures": suppressed(current["kpis"]),
        "history": history(today=today, site=site),
    }


def operating_sites(as_of: dt.date):
    return Site.objects.operational_on(as_of).order_by("name")
