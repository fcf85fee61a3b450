"""Trends over the years: five figures at many dates, in one query per figure.

The dashboard draws startups supported, residents, occupancy, jobs and exporters at the end
of each year. Asking the engine once per year would cost ~6 queries a year; here each figure
is one query whatever the number of dates (a filtered aggregate per date, or a window
function for the latest headcounts), with exactly the engine's definitions.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Q, Sum

from technopark.hosting.models import Lease
from technopark.impact.engine import Scope
from technopark.network.models import Space
from technopark.startups.models import Export, Headcount

TREND_KEYS = ["startups_supported", "residents", "occupancy_rate", "jobs_created", "exporters"]


def _active(day: dt.date, prefix: str = "") -> Q:
    return Q(
        **{f"{prefix}starts_on__lte": day},
    ) & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": day}))


def _leases(scope: Scope):
    qs = Lease.objects.exclude(status=Lease.Status.DRAFT)
    return qs.filter(site=scope.site) if scope.site else qs


def trend_series(scope: Scope, days: list[dt.date]) -> dict[str, list]:
    """{key: [value at each of `days`]} for the five trend figures."""
    names = [f"d{i}" for i in range(len(days))]
    out: dict[str, list] = {}

    supported = scope.enrollments().aggregate(
        **{
            n: Count("startup_id", distinct=True, filter=Q(started_on__lte=day))
            for n, day in zip(names, days, strict=True)
        }
    )
    out["startups_supported"] = [supported[n] for n in names]

    residents = _leases(scope).aggregate(
        **{
            n: Count("startup_id", distinct=True, filter=_active(day))
            for n, day in zip(names, days, strict=True)
        }
    )
    out["residents"] = [residents[n] for n in names]

    spaces = Space.objects.filter(leasable=True)
    if scope.site:
        spaces = spaces.filter(site=scope.site)
    sums = {}
    for n, day in zip(names, days, strict=True):
        open_q = Q(site__opened_on__lte=day) & (
            Q(site__closed_on__isnull=True) | Q(site__closed_on__gt=day)
        )
        leased = Exists(_leases(scope).filter(_active(day), space=OuterRef("pk")))
        sums[f"{n}_all"] = Sum("area_m2", filter=open_q)
        sums[f"{n}_let"] = Sum("area_m2", filter=open_q & Q(leased))
    areas = spaces.aggregate(**sums)
    out["occupancy_rate"] = [
        float(areas[f"{n}_let"] or 0) / float(areas[f"{n}_all"]) if areas[f"{n}_all"] else None
        for n in names
    ]

    exporters = Export.objects.aggregate(
        **{
            n: Count(
                "startup_id",
                distinct=True,
                filter=Q(year__in=(day.year - 1, day.year))
                & Q(Exists(_leases(scope).filter(_active(day), startup=OuterRef("startup_id")))),
            )
            for n, day in zip(names, days, strict=True)
        }
    )
    out["exporters"] = [exporters[n] for n in names]
    out["jobs_created"] = _jobs(scope, days)
    return out


def _jobs(scope: Scope, days: list[dt.date]) -> list[int]:
    """Jobs at each day: each headcount counts until the startup's next one, once the
    startup is supported (its first enrollment in scope started)."""
    first_sql, first_params = (
        scope.enrollments()
        .values("startup_id")
        .annotate(first=Min("started_on"))
        .values("startup_id", "first")
        .query.sql_with_params()
    )
    cases = ", ".join(
        "SUM(CASE WHEN t.as_of <= %s AND (t.nxt IS NULL OR t.nxt > %s) AND t.first <= %s "
        "THEN t.jobs ELSE 0 END)"
        for _day in days
    )
    # Only placeholders and the ORM's own SQL are put together here, never user text.
    sql = (
        f"SELECT {cases} FROM ("  # noqa: S608
        "SELECT h.as_of AS as_of, h.direct_jobs + h.indirect_jobs AS jobs, f.first AS first, "
        "LEAD(h.as_of) OVER (PARTITION BY h.startup_id ORDER BY h.as_of) AS nxt "
        f"FROM {Headcount._meta.db_table} h "
        f"JOIN ({first_sql}) f ON f.startup_id = h.startup_id) t"
    )
    params = [p for day in days for p in (day, day, day)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *first_params])
        row = cursor.fetchone()
    return [int(v or 0) for v in row]
