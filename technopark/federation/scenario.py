"""The scenario tool: "if site X opens with N m² in year Y", projected from the network's history.

Nothing here is a black box: `project_site` returns every step with its inputs, its
formula and its result, and the page shows them as they are. The figures come from the
network's own records (leases, spaces, sites, applications, enrollments).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from technopark.core.errors import DomainError
from technopark.hosting.models import Lease
from technopark.network.models import Site, Space
from technopark.programs.models import Application, Enrollment

HORIZON_YEARS = 5
DEMAND_WINDOW_YEARS = 3
MIN_REGION_DECISIONS = 20
FALLBACK_STAY_YEARS = 5


@dataclass
class Step:
    title: str
    explanation: str
    inputs: list[tuple[str, str]]
    formula: str
    result: str
    notes: list[str] = field(default_factory=list)


@dataclass
class YearProjection:
    year: int
    operating_year: int
    occupancy: float
    residents: int
    leased_m2: int
    intake: int
    absorbed: int
    unmet: int


@dataclass
class Scenario:
    site: Site
    area_m2: int
    year: int
    steps: list[Step]
    years: list[YearProjection]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _active(lease: dict, day: dt.date) -> bool:
    return lease["starts_on"] <= day and (lease["ends_on"] is None or lease["ends_on"] > day)


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def _num(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def m2_per_resident(today: dt.date) -> tuple[float, list[tuple[str, str]]]:
    """Median over operating sites of (leased leasable m² ÷ resident startups) today."""
    leases = list(
        Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(space__leasable=True, starts_on__lte=today, site__opened_on__lte=today)
        .values("site__code", "space_id", "space__area_m2", "startup_id", "starts_on", "ends_on")
    )
    area: dict[str, Decimal] = defaultdict(Decimal)
    residents: dict[str, set[int]] = defaultdict(set)
    spaces_seen: set[int] = set()
    for lease in leases:
        if not _active(lease, today):
            continue
        residents[lease["site__code"]].add(lease["startup_id"])
        if lease["space_id"] not in spaces_seen:
            spaces_seen.add(lease["space_id"])
            area[lease["site__code"]] += lease["space__area_m2"]
    ratios = {code: float(area[code]) / len(residents[code]) for code in sorted(residents)}
    if not ratios:
        raise DomainError(
            _("No site has residents today: there is no history to project from."),
            code="no_history",
        )
    inputs = [
        (code, f"{_num(float(area[code]), 0)} m² ÷ {len(residents[code])} = {_num(r)} m²")
        for code, r in ratios.items()
    ]
    return statistics.median(ratios.values()), inputs


def ramp_up(today: dt.date) -> tuple[dict[int, float], list[tuple[str, str]], list[str]]:
    """Average occupancy (by area) of operating sites at the end of their k-th year."""
    sites = list(Site.objects.filter(opened_on__lte=today).order_by("opened_on"))
    leasable = dict(
        Space.objects.filter(leasable=True)
        .values("site_id")
        .annotate(area=Sum("area_m2"))
        .values_list("site_id", "area")
    )
    leases = list(
        Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(space__leasable=True)
        .values("site_id", "space_id", "space__area_m2", "starts_on", "ends_on")
    )
    by_site: dict[int, list[dict]] = defaultdict(list)
    for lease in leases:
        by_site[lease["site_id"]].append(lease)
    samples: dict[int, list[float]] = defaultdict(list)
    inputs: list[tuple[str, str]] = []
    for site in sites:
        total = leasable.get(site.pk)
        if not total:
            continue
        cells = []
        for k in range(1, HORIZON_YEARS + 1):
            day = _add_years(site.opened_on, k)
            if day > today:
                break
            spaces = {
                lease["space_id"]: lease["space__area_m2"]
                for lease in by_site[site.pk]
                if _active(lease, day)
            }
            rate = min(1.0, float(sum(spaces.values(), Decimal(0)) / total))
            samples[k].append(rate)
            cells.append(f"{_('year')} {k}: {_pct(rate)}")
        if cells:
            inputs.append((site.code, " · ".join(cells)))
    ramp: dict[int, float] = {}
    notes: list[str] = []
    for k in range(1, HORIZON_YEARS + 1):
        if samples[k]:
            ramp[k] = statistics.mean(samples[k])
        elif k > 1 and k - 1 in ramp:
            ramp[k] = ramp[k - 1]
            notes.append(
                _("No site has a year %(k)s yet: year %(prev)s's value is kept.")
                % {"k": k, "prev": k - 1}
            )
    if not ramp:
        raise DomainError(
            _("No site has a full year of history: there is no ramp-up to learn from."),
            code="no_history",
        )
    return ramp, inputs, notes


def regional_demand(site: Site, today: dt.date) -> tuple[float, float, list, list[str]]:
    """Applications a year from the site's region, and the share the network admits."""
    first_year = today.year - DEMAND_WINDOW_YEARS
    years = range(first_year, today.year)
    received = (
        Application.objects.exclude(status=Application.Status.DRAFT)
        .filter(region=site.region_id, submitted_at__year__in=list(years))
        .count()
    )
    notes: list[str] = []
    inputs: list[tuple[str, str]] = []
    if received:
        per_year = received / DEMAND_WINDOW_YEARS
        inputs.append(
            (
                _("Applications from %(region)s, %(first)s–%(last)s")
                % {"region": site.region.name, "first": first_year, "last": today.year - 1},
                str(received),
            )
        )
        decided_region = _decisions(region=site.region_id)
        if sum(decided_region.values()) >= MIN_REGION_DECISIONS:
            decided, scope = decided_region, site.region.name
        else:
            decided, scope = _decisions(region=None), _("the whole network")
            notes.append(
                _("Fewer than %(n)s decisions in the region: the network's share is used.")
                % {"n": MIN_REGION_DECISIONS}
            )
        total = sum(decided.values())
        admitted = decided.get(Application.Status.ADMITTED, 0)
        share = admitted / total if total else 0.0
        inputs.append(
            (
                _("Admitted ÷ decided applications (%(scope)s)") % {"scope": scope},
                f"{admitted} ÷ {total} = {_pct(share)}",
            )
        )
    else:
        entries = (
            Enrollment.objects.filter(
                startup__region=site.region_id, started_on__year__in=list(years)
            )
            .values("startup")
            .distinct()
            .count()
        )
        per_year = entries / DEMAND_WINDOW_YEARS
        share = 1.0
        inputs.append(
            (
                _("Startups from %(region)s that entered a program, %(first)s–%(last)s")
                % {"region": site.region.name, "first": first_year, "last": today.year - 1},
                str(entries),
            )
        )
        notes.append(
            _(
                "No application from the region in those years: startups that entered a "
                "program stand for admitted applicants (share 100 %)."
            )
        )
    return per_year, share, inputs, notes


def _decisions(*, region: str | None) -> dict[str, int]:
    qs = Application.objects.filter(status__in=Application.DECISIONS)
    if region:
        qs = qs.filter(region=region)
    return dict(qs.values("status").annotate(n=Count("pk")).values_list("status", "n"))


def average_stay_years(today: dt.date) -> tuple[float, list[tuple[str, str]], list[str]]:
    """Median length of the hosting contracts that have ended."""
    ended = list(
        Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(ends_on__isnull=False, ends_on__lte=today)
        .values_list("starts_on", "ends_on")
    )
    if not ended:
        return (
            float(FALLBACK_STAY_YEARS),
            [],
            [_("No contract has ended yet: the usual stay limit of 5 years is used.")],
        )
    years = statistics.median((end - start).days / 365.25 for start, end in ended)
    return years, [(_("Ended hosting contracts"), str(len(ended)))], []


def project_site(*, site: Site, area_m2: int, year: int, today: dt.date) -> Scenario:
    if area_m2 <= 0:
        raise DomainError(_("Give a leasable area above 0 m²."), field="area_m2")
    if year < today.year or year > today.year + 30:
        raise DomainError(
            _("Choose an opening year between %(first)s and %(last)s.")
            % {"first": today.year, "last": today.year + 30},
            field="year",
        )
    steps: list[Step] = []

    ratio, ratio_inputs = m2_per_resident(today)
    capacity = math.floor(area_m2 / ratio)
    steps.append(
        Step(
            _("1. How many startups the area can host"),
            _(
                "For each operating site: leased leasable m² today ÷ its resident startups. "
                "The median of the sites is the m² a resident takes."
            ),
            ratio_inputs,
            _("capacity = ⌊ N m² ÷ median m² per resident ⌋ = ⌊ %(n)s ÷ %(r)s ⌋")
            % {"n": area_m2, "r": _num(ratio)},
            _("%(c)s resident startups at full occupancy") % {"c": capacity},
        )
    )

    ramp, ramp_inputs, ramp_notes = ramp_up(today)
    steps.append(
        Step(
            _("2. How fast a new site fills"),
            _(
                "For each operating site: leased area ÷ its leasable area at the end of each "
                "of its first years. The mean over the sites that reached that year is the "
                "ramp-up."
            ),
            ramp_inputs,
            _("occupancy(year k) = mean over sites of occupancy at opening + k years"),
            " · ".join(f"{_('year')} {k}: {_pct(v)}" for k, v in sorted(ramp.items())),
            ramp_notes,
        )
    )

    per_year, share, demand_inputs, demand_notes = regional_demand(site, today)
    demand = per_year * share
    steps.append(
        Step(
            _("3. What the region asks for"),
            _(
                "Applications received each year from the site's region (mean of the last "
                "%(n)s years), times the share the network admits."
            )
            % {"n": DEMAND_WINDOW_YEARS},
            demand_inputs,
            _("admitted demand = %(a)s a year × %(s)s") % {"a": _num(per_year), "s": _pct(share)},
            _("%(d)s admitted applicants a year") % {"d": _num(demand)},
            demand_notes,
        )
    )

    stay, stay_inputs, stay_notes = average_stay_years(today)
    steps.append(
        Step(
            _("4. How many places free up each year"),
            _(
                "New places in a year = growth of the residents + the residents of the year "
                "before ÷ the median stay (those who leave). The site absorbs the smaller of "
                "its new places and the region's admitted demand."
            ),
            stay_inputs + [(_("Median stay"), _("%(y)s years") % {"y": _num(stay)})],
            _(
                "absorbed(k) = min(admitted demand, residents(k) − residents(k−1) + residents(k−1) ÷ stay)"
            ),
            _("Median stay %(y)s years") % {"y": _num(stay)},
            stay_notes,
        )
    )

    years: list[YearProjection] = []
    previous = 0
    for k in range(1, HORIZON_YEARS + 1):
        occupancy = ramp.get(k, ramp[max(ramp)])
        residents = round(capacity * occupancy)
        intake = max(0, residents - previous) + round(previous / stay)
        absorbed = min(round(demand), intake)
        years.append(
            YearProjection(
                year=year + k - 1,
                operating_year=k,
                occupancy=occupancy,
                residents=residents,
                leased_m2=round(area_m2 * occupancy),
                intake=intake,
                absorbed=absorbed,
                unmet=max(0, round(demand) - absorbed),
            )
        )
        previous = residents
    return Scenario(site=site, area_m2=area_m2, year=year, steps=steps, years=years)
