"""The bilan engine: every figure of `kpis.md`, for the network or a site, as of any date.

It only reads. Each figure is aggregated in the database, or from a short flat list (the
residents of two days, the exports of two years), so the number of queries is the same
whatever the size of the network. `drilldown` (in `drilldown.py`) lists the records each
figure counts, from the same scopes defined here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum

from technopark.hosting.models import Lease
from technopark.hosting.selectors import leases_active_on
from technopark.impact.continents import continent_of
from technopark.impact.definitions import KEYS
from technopark.impact.network import network_kpis
from technopark.network.models import Operator, Site, SiteBudget, Space, operational_q
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import Export, FollowUp, Funding, Grouping, Headcount, Patent
from technopark.surveys.models import SatisfactionAnswer, satisfied_q

INCUBATION = Program.Kind.INCUBATION
GRADUATED = Enrollment.Outcome.GRADUATED
DISCONTINUED = Enrollment.Outcome.DISCONTINUED
SURVIVED = (FollowUp.Status.ACTIVE, FollowUp.Status.ACQUIRED, FollowUp.Status.MERGED)


class UnknownScope(LookupError):
    """A site code or operator slug that does not exist."""

    def __init__(self, kind: str, value: str):
        super().__init__(f"unknown {kind}: {value}")
        self.kind = kind
        self.value = value


def year_before(day: dt.date) -> dt.date:
    """The same day one year earlier; 29 February gives 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def ratio(numerator, denominator) -> float | None:
    return float(numerator) / float(denominator) if denominator else None


@dataclass(frozen=True)
class Scope:
    """What one bilan looks at: a day, and optionally one site and one partner operator."""

    as_of: dt.date
    site: Site | None = None
    operator: Operator | None = None

    @property
    def year(self) -> int:
        return self.as_of.year

    @property
    def day_before(self) -> dt.date:
        return year_before(self.as_of)

    @property
    def label(self) -> str:
        return self.site.code if self.site else "network"

    # The records each figure starts from, narrowed to the site and the operator.

    def enrollments(self) -> QuerySet[Enrollment]:
        qs = Enrollment.objects.all()
        if self.site:
            qs = qs.filter(site=self.site)
        if self.operator:
            qs = qs.filter(program__operator=self.operator)
        return qs

    def supported_ids(self) -> QuerySet:
        """Startup ids of `supported(D)`, as a subquery."""
        return self.enrollments().filter(started_on__lte=self.as_of).values("startup_id")

    def supported(self, outer: str = "startup") -> Exists:
        """`supported(D)` as a correlated EXISTS on the startup column `outer` of the rows
        filtered: an index probe per row, cheaper than listing every supported startup."""
        return Exists(
            self.enrollments().filter(started_on__lte=self.as_of, startup=OuterRef(outer))
        )

    def leases_on(self, day: dt.date) -> QuerySet[Lease]:
        qs = leases_active_on(day)
        if self.site:
            qs = qs.filter(site=self.site)
        if self.operator:
            qs = qs.filter(
                startup_id__in=self.enrollments().filter(started_on__lte=day).values("startup_id")
            )
        return qs

    def spaces(self) -> QuerySet[Space]:
        day = self.as_of
        qs = Space.objects.filter(operational_q(day, via="site__"), leasable=True)
        return qs.filter(site=self.site) if self.site else qs

    def leased_spaces(self) -> QuerySet[Space]:
        leases = self.leases_on(self.as_of).filter(space=OuterRef("pk"))
        return self.spaces().filter(Exists(leases))

    def graduates(self) -> QuerySet[Enrollment]:
        """Each startup's exit from incubation by D (its latest graduated incubation, the
        last recorded on a tie), annotated with the latest follow-up status since then."""
        graduated = Enrollment.objects.filter(
            program__kind=INCUBATION, outcome=GRADUATED, ended_on__lte=self.as_of
        )
        later = graduated.filter(startup=OuterRef("startup")).filter(
            Q(ended_on__gt=OuterRef("ended_on"))
            | Q(ended_on=OuterRef("ended_on"), pk__gt=OuterRef("pk"))
        )
        qs = graduated.exclude(Exists(later))
        if self.site:
            qs = qs.filter(site=self.site)
        if self.operator:
            qs = qs.filter(program__operator=self.operator)
        latest = FollowUp.objects.filter(
            startup=OuterRef("startup"),
            observed_on__gte=OuterRef("ended_on"),
            observed_on__lte=self.as_of,
        ).order_by("-observed_on")
        return qs.annotate(last_status=Subquery(latest.values("status")[:1]))

    def latest_headcounts(self) -> QuerySet[Headcount]:
        """Each supported startup's latest headcount on or before D.

        PostgreSQL answers fastest with an anti-join (no later headcount up to D); SQLite
        with one index probe per supported startup. Both give the same rows (tested).
        """
        from technopark.startups.models import Startup

        if connection.vendor == "postgresql":
            later = Headcount.objects.filter(
                startup=OuterRef("startup"), as_of__gt=OuterRef("as_of"), as_of__lte=self.as_of
            )
            return Headcount.objects.filter(
                as_of__lte=self.as_of, startup_id__in=self.supported_ids()
            ).exclude(Exists(later))
        latest = Headcount.objects.filter(startup=OuterRef("pk"), as_of__lte=self.as_of)
        latest = latest.order_by("-as_of").values("pk")[:1]
        ids = Startup.objects.filter(self.supported("pk")).annotate(h=Subquery(latest))
        return Headcount.objects.filter(pk__in=ids.values("h"))

    def exports(self) -> QuerySet[Export]:
        return Export.objects.filter(
            year__in=(self.year - 1, self.year),
            startup_id__in=self.leases_on(self.as_of).values("startup_id"),
        )

    def groupings(self) -> QuerySet[Grouping]:
        qs = Grouping.objects.filter(formed_on__lte=self.as_of)
        if self.site or self.operator:
            qs = qs.filter(
                Exists(
                    Grouping.members.through.objects.filter(grouping=OuterRef("pk")).filter(
                        self.supported()
                    )
                )
            )
        return qs

    def answers(self) -> QuerySet[SatisfactionAnswer]:
        qs = SatisfactionAnswer.objects.filter(
            answered_on__gt=self.day_before, answered_on__lte=self.as_of
        )
        if self.site or self.operator:
            qs = qs.filter(self.supported())
        return qs

    def budgets(self) -> QuerySet[SiteBudget]:
        qs = SiteBudget.objects.filter(year=self.year)
        if self.site:
            qs = qs.filter(site=self.site)
        if self.operator:
            qs = qs.filter(site__operator=self.operator)
        return qs

    def year_q(self) -> Q:
        """Enrollments covering at least one day of year Y."""
        return Q(started_on__lte=dt.date(self.year, 12, 31)) & (
            Q(ended_on__isnull=True) | Q(ended_on__gt=dt.date(self.year, 1, 1))
        )

    def incubation_q(self, outcome: str) -> Q:
        return Q(program__kind=INCUBATION, ended_on__lte=self.as_of, outcome=outcome)


def resolve_scope(
    *, as_of: dt.date, site: str | Site | None = None, operator: str | Operator | None = None
) -> Scope:
    if isinstance(site, str):
        found = Site.objects.filter(code__iexact=site.strip()).first()
        if found is None:
            raise UnknownScope("site", site)
        site = found
    if isinstance(operator, str):
        found_operator = Operator.objects.filter(slug=operator.strip()).first()
        if found_operator is None:
            raise UnknownScope("operator", operator)
        operator = found_operator
    return Scope(as_of=as_of, site=site, operator=operator)


def compute_bilan(
    *, as_of: dt.date, site: str | Site | None = None, operator: str | Operator | None = None
) -> dict:
    """The bilan of `kpis.md`: {"as_of", "scope", "kpis"} (+ "operator" when narrowed)."""
    scope = resolve_scope(as_of=as_of, site=site, operator=operator)
    kpis = compute_kpis(scope)
    result = {"as_of": as_of.isoformat(), "scope": scope.label, "kpis": kpis}
    if scope.operator:
        result["operator"] = scope.operator.slug
    return result


def compute_kpis(scope: Scope, keys: list[str] | None = None, *, general: bool = False) -> dict:
    """Every figure (or only `keys`: the groups they need are the only ones queried).

    The whole network takes the shorter path of `network.py` (the same definitions, read
    from the facts the database keeps); `general=True` forces the path below (the tests
    compare both)."""
    wanted = set(keys or KEYS)
    if not (scope.site or scope.operator or general):
        k = network_kpis(scope.as_of, scope.day_before)
        return {key: k[key] for key in KEYS if key in wanted}
    k: dict = {}
    for provides, compute in GROUPS:
        if wanted & provides:
            k.update(compute(scope, k))
    return {key: k[key] for key in KEYS if key in wanted}


def _enrollment_figures(scope: Scope, k: dict) -> dict:
    d = scope.as_of
    e = scope.enrollments().aggregate(
        supported=Count("startup_id", distinct=True, filter=Q(started_on__lte=d)),
        direct=Count(
            "startup_id", distinct=True, filter=Q(started_on__lte=d, program__direct=True)
        ),
        graduated=Count("pk", filter=scope.incubation_q(GRADUATED)),
        discontinued=Count("pk", filter=scope.incubation_q(DISCONTINUED)),
        in_year=Count("startup_id", distinct=True, filter=scope.year_q()),
    )
    graduated, discontinued = e["graduated"], e["discontinued"]
    return {
        "startups_supported": e["supported"],
        "startups_supported_direct": e["direct"],
        "incubation_graduated": graduated,
        "incubation_discontinued": discontinued,
        "incubation_success_rate": ratio(graduated, graduated + discontinued),
        "incubation_mortality_rate": ratio(discontinued, graduated + discontinued),
        "startups_accompanied_in_year": e["in_year"],
    }


def _resident_figures(scope: Scope, k: dict) -> dict:
    residents = set(scope.leases_on(scope.as_of).order_by().values_list("startup_id", flat=True))
    before = set(scope.leases_on(scope.day_before).order_by().values_list("startup_id", flat=True))
    sold = list(scope.exports().order_by().values_list("startup_id", "country").distinct())
    exporters = {startup for startup, _country in sold}
    continents = {continent_of(country) for _startup, country in sold} - {None}
    return {
        "residents": len(residents),
        "residents_year_before": len(before),
        "renewal_leavers": len(before - residents),
        "renewal_entrants": len(residents - before),
        "renewal_rate": ratio(len(before - residents), len(before)),
        "exporters": len(exporters),
        "export_share": ratio(len(exporters), len(residents)),
        "export_continents": len(continents),
    }


def _area_figures(scope: Scope, k: dict) -> dict:
    leased_q = Q(Exists(scope.leases_on(scope.as_of).filter(space=OuterRef("pk"))))
    areas = scope.spaces().aggregate(
        leasable=Sum("area_m2"), leased=Sum("area_m2", filter=leased_q)
    )
    leasable = areas["leasable"] or Decimal(0)
    leased = areas["leased"] or Decimal(0)
    return {
        "leasable_area_m2": float(leasable),
        "leased_area_m2": float(leased),
        "occupancy_rate": ratio(leased, leasable),
    }


def _survival_figures(scope: Scope, k: dict) -> dict:
    fates = dict(
        scope.graduates()
        .values("last_status")
        .annotate(n=Count("pk"))
        .values_list("last_status", "n")
    )
    survived = sum(fates.get(status, 0) for status in SURVIVED)
    closed = fates.get(FollowUp.Status.CLOSED, 0)
    return {
        "post_exit_survived": survived,
        "post_exit_closed": closed,
        "post_exit_unobserved": fates.get(None, 0),
        "post_exit_survival_rate": ratio(survived, survived + closed),
    }


def _job_figures(scope: Scope, k: dict) -> dict:
    jobs = scope.latest_headcounts().aggregate(
        direct=Sum("direct_jobs"), indirect=Sum("indirect_jobs")
    )
    direct, indirect = jobs["direct"] or 0, jobs["indirect"] or 0
    return {"jobs_direct": direct, "jobs_indirect": indirect, "jobs_created": direct + indirect}


def _record_figures(scope: Scope, k: dict) -> dict:
    d = scope.as_of
    kinds = dict(scope.groupings().values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    answers = scope.answers().aggregate(
        total=Count("pk"), satisfied=Count("pk", filter=satisfied_q())
    )
    raised = Funding.objects.filter(scope.supported(), obtained_on__lte=d).aggregate(
        total=Sum("amount_mad")
    )["total"]
    return {
        "patents_filed": Patent.objects.filter(scope.supported(), filed_on__lte=d).count(),
        "gie_count": kinds.get(Grouping.Kind.GIE, 0),
        "merger_count": kinds.get(Grouping.Kind.MERGER, 0),
        "satisfaction_responses": answers["total"],
        "satisfied_responses": answers["satisfied"],
        "satisfaction_rate": ratio(answers["satisfied"], answers["total"]),
        "funding_raised_mad": float(raised or 0),
    }


def _cost_figures(scope: Scope, k: dict) -> dict:
    cost = scope.budgets().aggregate(total=Sum("amount_mad"))["total"] or Decimal(0)
    if "startups_accompanied_in_year" not in k:
        k.update(_enrollment_figures(scope, k))
    operational, in_progress = site_counts(scope)
    return {
        "accompaniment_cost_mad": float(cost),
        "cost_per_startup_mad": ratio(cost, k["startups_accompanied_in_year"]),
        "sites_operational": operational,
        "sites_in_progress": in_progress,
    }


GROUPS = [
    (
        frozenset(
            {
                "startups_supported",
                "startups_supported_direct",
                "incubation_graduated",
                "incubation_discontinued",
                "incubation_success_rate",
                "incubation_mortality_rate",
                "startups_accompanied_in_year",
            }
        ),
        _enrollment_figures,
    ),
    (
        frozenset(
            {
                "residents",
                "residents_year_before",
                "renewal_leavers",
                "renewal_entrants",
                "renewal_rate",
                "exporters",
                "export_share",
                "export_continents",
            }
        ),
        _resident_figures,
    ),
    (frozenset({"leasable_area_m2", "leased_area_m2", "occupancy_rate"}), _area_figures),
    (
        frozenset(
            {
                "post_exit_survived",
                "post_exit_closed",
                "post_exit_unobserved",
                "post_exit_survival_rate",
            }
        ),
        _survival_figures,
    ),
    (frozenset({"jobs_direct", "jobs_indirect", "jobs_created"}), _job_figures),
    (
        frozenset(
            {
                "patents_filed",
                "gie_count",
                "merger_count",
                "satisfaction_responses",
                "satisfied_responses",
                "satisfaction_rate",
                "funding_raised_mad",
            }
        ),
        _record_figures,
    ),
    (
        frozenset(
            {
                "accompaniment_cost_mad",
                "cost_per_startup_mad",
                "sites_operational",
                "sites_in_progress",
            }
        ),
        _cost_figures,
    ),
]


def sites_in_scope(scope: Scope) -> QuerySet[Site]:
    if scope.site:
        return Site.objects.filter(pk=scope.site.pk)
    if scope.operator:
        return Site.objects.filter(operator=scope.operator)
    return Site.objects.all()


def site_counts(scope: Scope) -> tuple[int, int]:
    d = scope.as_of
    operational = in_progress = 0
    for opened, closed in sites_in_scope(scope).values_list("opened_on", "closed_on"):
        status = Site(opened_on=opened, closed_on=closed).status_on(d)
        if status == Site.Status.OPEN:
            operational += 1
        elif status == Site.Status.PLANNED:
            in_progress += 1
    return operational, in_progress
