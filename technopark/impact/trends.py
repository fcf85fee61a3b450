"""Trends over the years: five figures at many dates, in one query per figure.

The dashboard draws startups supported, residents, occupancy, jobs and exporters at the end
of each year. Asking the engine once per year would cost ~6 queries a year; here each figure
is one query whatever the number of dates (a filtered aggregate per date, or a window
function for the latest headcounts), with exactly the engine's definitions.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Sum

from technopark.hosting.models import Lease
from technopark.impact.engine import Scope, _job_figures
from technopark.network.models import Site, Space, operational_q
from technopark.programs.models import Enrollment
from technopark.startups.models import Export, Headcount

TREND_KEYS = ["startups_supported", "residents", "occupancy_rate", "jobs_created", "exporters"]


def _active(day: dt.date, prefix: str = "") -> Q:
    return Q(
        **{f"{prefix}starts_on__lte": day},
    ) & (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": day}))


def _leases(scope: Scope):
    qs = Lease.objects.exclude(status=Lease.Status.DRAFT)
    return qs.filter(site=scope.site) if scope.site else qs


CACHE_SECONDS = 600


def records_stamp() -> tuple:
    """What changes when records are added or removed: counts and highest ids."""
    stamp = []
    for model in (Enrollment, Lease, Space, Site, Export, Headcount):
        found = model.objects.order_by().aggregate(n=Count("pk"), top=Max("pk"))
        stamp += [found["n"], found["top"]]
    stamp.append(str(Lease.objects.order_by().aggregate(t=Max("updated_at"))["t"]))
    return tuple(stamp)


def cached_trend_series(scope: Scope, days: list[dt.date]) -> dict[str, list]:
    """`trend_series`, kept up to ten minutes while no record is added or removed."""
    key = "impact:trends:" + hashlib.sha256(
        repr((scope.site and scope.site.pk, scope.operator and scope.operator.pk, days,
              records_stamp())).encode()
    ).hexdigest()  # fmt: skip
    found = cache.get(key)
    if found is None:
        found = trend_series(scope, days)
        cache.set(key, found, CACHE_SECONDS)
    return found


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
        open_q = operational_q(day, via="site__")
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
    """Jobs at each day. A headcount counts from its date (once the startup is supported,
    i.e. its first enrollment in scope started) until the startup's next headcount. For
    year ends that is a range of years: the database sums jobs per range in one pass and
    the ranges are spread over the years here; other days ask the engine."""
    first_sql, first_params = (
        scope.enrollments()
        .order_by()
        .values("startup_id")
        .annotate(first=Min("started_on"))
        .values("startup_id", "first")
        .query.sql_with_params()
    )
    if connection.vendor == "postgresql":
        year = "CAST(EXTRACT(YEAR FROM {}) AS INTEGER)"
    else:
        year = "CAST(strftime('%Y', {}) AS INTEGER)"
    start = f"MAX({year.format('t.as_of')}, {year.format('t.first')})"
    if connection.vendor == "postgresql":
        start = f"GREATEST({year.format('t.as_of')}, {year.format('t.first')})"
    # Only fixed SQL and the ORM's own query are put together here, never user text.
    sql = (
        f"SELECT {start} AS lo, {year.format('t.nxt')} AS hi, SUM(t.jobs) FROM ("  # noqa: S608
        "SELECT h.as_of AS as_of, h.direct_jobs + h.indirect_jobs AS jobs, f.first AS first, "
        "LEAD(h.as_of) OVER (PARTITION BY h.startup_id ORDER BY h.as_of) AS nxt "
        f"FROM {Headcount._meta.db_table} h "
        f"JOIN ({first_sql}) f ON f.startup_id = h.startup_id) t GROUP BY 1, 2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, first_params)
        ranges = cursor.fetchall()
    values = []
    for day in days:
        if (day.month, day.day) == (12, 31):
            y = day.year
            values.append(sum(int(n) for lo, hi, n in ranges if lo <= y and (hi is None or hi > y)))
        else:
            values.append(
                _job_figures(Scope(as_of=day, site=scope.site, operator=scope.operator), {})[
                    "jobs_created"
                ]
            )
    return values
