"""Reads of the federation: the regions table, a region's offer, partners and their figures.

Every figure of the regions page comes from one grouped query per source, so the page
costs the same number of queries whatever the size of the network.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from technopark.desk.models import Desk
from technopark.hosting.models import WaitingEntry
from technopark.hosting.selectors import leases_active_on
from technopark.network.models import Operator, Region, Site, Space
from technopark.programs.models import Application, Call, Enrollment, Program
from technopark.startups.models import Startup
from technopark.support.models import Family, ServiceRequest

WAITING_STATUSES = (WaitingEntry.Status.WAITING, WaitingEntry.Status.OFFERED)


def received_applications() -> QuerySet[Application]:
    """Applications that reached the network: submitted, whatever became of them."""
    return Application.objects.exclude(status=Application.Status.DRAFT)


def sites_operational_on(day: dt.date) -> QuerySet[Site]:
    return Site.objects.operational_on(day)


@dataclass
class RegionRow:
    region: Region
    supported: int = 0
    residents: int = 0
    applications_received: int = 0
    applications_admitted: int = 0
    waiting: int = 0
    leasable_area_m2: Decimal = Decimal(0)
    leasable_units: int = 0
    seats: int = 0
    open_sites: list[Site] = field(default_factory=list)
    planned_sites: list[Site] = field(default_factory=list)

    @property
    def demand(self) -> int:
        """Startups of the region that need a place: residents from it, plus those waiting."""
        return self.residents + self.waiting

    @property
    def gap(self) -> int:
        """Demand minus leasable places in the region: above 0, demand exceeds capacity."""
        return self.demand - self.leasable_units

    def measure(self, key: str) -> float | int | None:
        return getattr(self, key)


MEASURES: dict[str, str] = {
    # key: attribute of RegionRow (labels are in views, translated)
    "supported": "supported",
    "residents": "residents",
    "applications_received": "applications_received",
    "applications_admitted": "applications_admitted",
    "waiting": "waiting",
    "leasable_area_m2": "leasable_area_m2",
    "gap": "gap",
}


def region_rows(day: dt.date) -> list[RegionRow]:
    """The 12 regions with their demand and capacity figures at `day`."""
    rows = {r.code: RegionRow(region=r) for r in Region.objects.order_by("code")}

    supported = (
        Startup.objects.filter(enrollments__started_on__lte=day, region__isnull=False)
        .values("region")
        .annotate(n=Count("pk", distinct=True))
    )
    for item in supported:
        rows[item["region"]].supported = item["n"]

    residents = (
        Startup.objects.filter(pk__in=leases_active_on(day).values("startup"), region__isnull=False)
        .values("region")
        .annotate(n=Count("pk"))
    )
    for item in residents:
        rows[item["region"]].residents = item["n"]

    applications = (
        received_applications()
        .filter(region__isnull=False, submitted_at__date__lte=day)
        .values("region")
        .annotate(
            received=Count("pk"),
            admitted=Count("pk", filter=Q(status=Application.Status.ADMITTED)),
        )
    )
    for item in applications:
        rows[item["region"]].applications_received = item["received"]
        rows[item["region"]].applications_admitted = item["admitted"]

    waiting = (
        WaitingEntry.objects.filter(status__in=WAITING_STATUSES, requested_on__lte=day)
        .values("site__region")
        .annotate(n=Count("pk"))
    )
    for item in waiting:
        rows[item["site__region"]].waiting = item["n"]

    capacity = (
        Space.objects.filter(leasable=True, site__in=sites_operational_on(day))
        .values("site__region")
        .annotate(area=Sum("area_m2"), units=Count("pk"), seats=Sum("seats"))
    )
    for item in capacity:
        row = rows[item["site__region"]]
        row.leasable_area_m2 = item["area"] or Decimal(0)
        row.leasable_units = item["units"]
        row.seats = item["seats"] or 0

    for site in Site.objects.order_by("code"):
        status = site.status_on(day)
        if status == Site.Status.OPEN:
            rows[site.region_id].open_sites.append(site)
        elif status == Site.Status.PLANNED:
            rows[site.region_id].planned_sites.append(site)
    return list(rows.values())


@dataclass(frozen=True)
class MapClass:
    css: str
    low: float | None
    high: float | None


CLASS_COUNT = 4


def choropleth(values: dict[str, float]) -> tuple[dict[str, str], list[MapClass]]:
    """Put each region in a class: q0 for zero or less, then four equal steps up to the max."""
    top = max(values.values(), default=0)
    classes = [MapClass("q0", None, 0)]
    if top > 0:
        step = top / CLASS_COUNT
        for i in range(1, CLASS_COUNT + 1):
            classes.append(MapClass(f"q{i}", round(step * (i - 1), 1), round(step * i, 1)))
    css = {}
    for code, value in values.items():
        if value <= 0 or top <= 0:
            css[code] = "q0"
        else:
            css[code] = f"q{min(CLASS_COUNT, max(1, math.ceil(value / top * CLASS_COUNT)))}"
    return css, classes


# --- One region -----------------------------------------------------------------------------


@dataclass
class RegionOffer:
    startup_sectors: list[tuple[str, int]]
    application_sectors: list[tuple[str, int]]
    programs: list[Program]
    desks: list[Desk]
    support: list[tuple[str, int]]
    partners: list[Operator]


def _sector_mix(rows) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for item in rows:
        counter[(item["sector"] or "").strip() or "—"] += item["n"]
    return counter.most_common(8)


def region_offer(region: Region, day: dt.date) -> RegionOffer:
    sites = sites_operational_on(day).filter(region=region)
    startup_sectors = _sector_mix(
        Startup.objects.filter(region=region, enrollments__started_on__lte=day)
        .values("sector")
        .annotate(n=Count("pk", distinct=True))
    )
    application_sectors = _sector_mix(
        received_applications().filter(region=region).values("sector").annotate(n=Count("pk"))
    )
    programs = list(
        Program.objects.filter(Q(sites__in=sites) | Q(enrollments__site__in=sites))
        .distinct()
        .select_related("operator")
        .order_by("name")
    )
    desks = list(
        Desk.objects.filter(site__in=sites, active=True)
        .select_related("site")
        .annotate(service_count=Count("services", filter=Q(services__active=True)))
    )
    families = dict(Family.choices)
    support = [
        (families.get(item["family"], item["family"]), item["n"])
        for item in ServiceRequest.objects.filter(site__in=sites)
        .values("family")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    partners = list(
        Operator.objects.filter(region=region, is_network_operator=False, public=True).order_by(
            "name"
        )
    )
    return RegionOffer(startup_sectors, application_sectors, programs, desks, support, partners)


# --- Partners -------------------------------------------------------------------------------


def partners_with_counts(operators: QuerySet[Operator]) -> QuerySet[Operator]:
    """Operators with the number of their programs and of the startups those accompanied."""
    return operators.annotate(
        program_count=Count("programs", distinct=True),
        startup_count=Count("programs__enrollments__startup", distinct=True),
    ).prefetch_related("programs")


def partner_enrollments(operator: Operator) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(program__operator=operator)
        .select_related("startup", "program", "site")
        .prefetch_related("plans")
        .order_by("-started_on")
    )


def partner_programs(operator: Operator) -> list[Program]:
    return list(
        Program.objects.filter(operator=operator)
        .annotate(
            enrolled=Count("enrollments__startup", distinct=True),
            current=Count(
                "enrollments__startup",
                filter=Q(enrollments__ended_on__isnull=True),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def partner_application_counts(operator: Operator) -> list[tuple[str, int]]:
    """Applications to the partner's calls, by status (drafts are the applicants' own)."""
    qs = received_applications().filter(call__program__operator=operator)
    counts = dict(qs.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    return [
        (label, counts[value]) for value, label in Application.Status.choices if value in counts
    ]


def partner_calls(operator: Operator) -> list[Call]:
    return list(
        Call.objects.filter(program__operator=operator)
        .select_related("program", "site")
        .annotate(
            received=Count("applications", filter=~Q(applications__status="draft")),
            admitted=Count("applications", filter=Q(applications__status="admitted")),
        )
        .order_by("-opens_on")[:50]
    )
