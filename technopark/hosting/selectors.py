"""Reads about leases: residents on a day, a site's spaces with their tenants and occupancy
(the same figures on the site page, the site managers' screens and the bilan), contracts
with their flags, arrears."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)

from technopark.hosting.models import Lease, WaitingEntry
from technopark.network.models import Site, Space
from technopark.startups.models import Startup


def leases_active_on(day: dt.date) -> QuerySet[Lease]:
    """Signed leases covering `day` (see `LeaseQuerySet.active_on`)."""
    return Lease.objects.active_on(day)


@dataclass
class SpaceRow:
    space: Space
    lease: Lease | None


@dataclass
class SiteOccupancy:
    leasable_area: Decimal
    leased_area: Decimal
    leasable_count: int
    leased_count: int

    @property
    def rate_by_area(self) -> float | None:
        return float(self.leased_area / self.leasable_area) if self.leasable_area else None

    @property
    def rate_by_count(self) -> float | None:
        return self.leased_count / self.leasable_count if self.leasable_count else None


def site_spaces(site: Site, day: dt.date) -> list[SpaceRow]:
    """Every space of the site with the lease active on `day`, in two queries."""
    active = {
        lease.space_id: lease
        for lease in leases_active_on(day).filter(site=site).select_related("startup")
    }
    return [SpaceRow(space, active.get(space.pk)) for space in site.spaces.all()]


def site_occupancy(rows: list[SpaceRow]) -> SiteOccupancy:
    leasable = [row for row in rows if row.space.leasable]
    let = [row for row in leasable if row.lease is not None]
    return SiteOccupancy(
        leasable_area=sum((row.space.area_m2 for row in leasable), Decimal(0)),
        leased_area=sum((row.space.area_m2 for row in let), Decimal(0)),
        leasable_count=len(leasable),
        leased_count=len(let),
    )


@dataclass
class Floor:
    name: str
    rows: list[SpaceRow]


def site_floors(site: Site, day: dt.date) -> tuple[list[Floor], SiteOccupancy]:
    """Leasable spaces by floor or wing, with the lease active on `day`, and occupancy."""
    rows = site_spaces(site, day)
    floors: dict[str, list[SpaceRow]] = defaultdict(list)
    for row in rows:
        if row.space.leasable:
            floors[row.space.floor].append(row)
    return [Floor(name, floors[name]) for name in sorted(floors)], site_occupancy(rows)


@dataclass
class FloorSummary:
    """One floor or wing of a site on a day: its leasable spaces let and free, by area."""

    name: str
    occupancy: SiteOccupancy
    other: int  # spaces that are not let (meeting rooms, common areas, ...)

    @property
    def free_count(self) -> int:
        return self.occupancy.leasable_count - self.occupancy.leased_count

    @property
    def rate_percent(self) -> int | None:
        rate = self.occupancy.rate_by_area
        return None if rate is None else round(rate * 100)


def floor_summaries(rows: list[SpaceRow]) -> list[FloorSummary]:
    """The site page's summary of `site_spaces`: one line per floor, not one per space."""
    floors: dict[str, list[SpaceRow]] = defaultdict(list)
    for row in rows:
        floors[row.space.floor].append(row)
    return [
        FloorSummary(
            name,
            site_occupancy(floors[name]),
            sum(1 for row in floors[name] if not row.space.leasable),
        )
        for name in sorted(floors)
    ]


@dataclass
class PlanSpace:
    """One leasable space on hosting's floor plan, read as plain values (no model instance)."""

    pk: int
    code: str
    kind: str
    kind_label: str
    area_m2: Decimal
    lease_id: int | None = None
    startup_name: str = ""
    ends_on: dt.date | None = None
    planned_end: dt.date | None = None
    notice: bool = False
    next_in_line: str = ""  # the first waiting startup this free space suits
    url: str = ""  # its contract's page
    new_url: str = ""  # a new contract for it, for those who manage the site


@dataclass
class FloorPlan:
    """A site's plan on a day: every floor summed up, and the spaces of one floor."""

    floors: list[FloorSummary]
    floor: str | None  # the floor shown (None: the site has no leasable space)
    spaces: list[PlanSpace]
    occupancy: SiteOccupancy


def floor_occupancy(site: Site, day: dt.date) -> list[FloorSummary]:
    """`floor_summaries(site_spaces(site, day))` summed up by the database: a few rows per
    floor (leasable or not, let or not), one query, whatever the number of spaces."""
    let = Exists(leases_active_on(day).filter(space=OuterRef("pk")))
    groups = (
        site.spaces.order_by()
        .annotate(let=let)
        .values_list("floor", "leasable", "let")
        .annotate(n=Count("pk"), area=Sum("area_m2"))
    )
    floors: dict[str, FloorSummary] = {}
    for name, leasable, is_let, n, area in groups:
        floor = floors.get(name)
        if floor is None:
            floor = floors[name] = FloorSummary(
                name, SiteOccupancy(Decimal(0), Decimal(0), 0, 0), 0
            )
        if not leasable:
            floor.other += n
            continue
        floor.occupancy.leasable_count += n
        floor.occupancy.leasable_area += area
        if is_let:
            floor.occupancy.leased_count += n
            floor.occupancy.leased_area += area
    return [floors[name] for name in sorted(floors)]


def site_residents(site: Site, day: dt.date, *, public_only: bool = False) -> QuerySet[Startup]:
    """The startups holding a lease at the site on `day`, by name (`public_only`: those
    listed publicly), as a query: the caller counts or slices it in the database."""
    # IN (the site's leases), not EXISTS: the database reads the site's few hundred leases
    # once instead of probing them for each of the network's thousands of startups.
    holders = leases_active_on(day).filter(site=site).values("startup_id")
    residents = Startup.objects.filter(pk__in=holders).order_by("name", "pk")
    return residents.filter(public=True) if public_only else residents


def occupancy_of(floors: list[FloorSummary]) -> SiteOccupancy:
    """The site's occupancy: its floors' added up."""
    return SiteOccupancy(
        leasable_area=sum((f.occupancy.leasable_area for f in floors), Decimal(0)),
        leased_area=sum((f.occupancy.leased_area for f in floors), Decimal(0)),
        leasable_count=sum(f.occupancy.leasable_count for f in floors),
        leased_count=sum(f.occupancy.leased_count for f in floors),
    )


def site_floor_plan(site: Site, day: dt.date, floor: str | None = None) -> FloorPlan:
    """The site's floors summed up (as on the site page) and one floor's leasable spaces
    with their tenant on `day`: `floor`, or the first floor when it names none of them.

    Three queries whatever the size of the site; only the floor shown is read and drawn
    (a large site has hundreds of spaces), the other floors are one line each.
    """
    every = floor_occupancy(site, day)
    floors = [f for f in every if f.occupancy.leasable_count]
    names = [f.name for f in floors]
    shown = floor if floor in names else (names[0] if names else None)
    plan = []
    if shown is not None:
        spaces = site.spaces.filter(leasable=True, floor=shown).order_by("code")
        leases = {
            lease["space_id"]: lease
            for lease in leases_active_on(day)
            .filter(space__in=spaces.values("pk"))
            .values("pk", "space_id", "status", "ends_on", "planned_end", "startup__name")
        }
        kinds = {kind: str(label) for kind, label in Space.Kind.choices}
        for space in spaces.values("pk", "code", "kind", "area_m2"):
            card = PlanSpace(
                space["pk"], space["code"], space["kind"], kinds.get(space["kind"], ""),
                space["area_m2"],
            )  # fmt: skip
            lease = leases.get(space["pk"])
            if lease is not None:
                card.lease_id = lease["pk"]
                card.startup_name = lease["startup__name"]
                card.ends_on, card.planned_end = lease["ends_on"], lease["planned_end"]
                card.notice = lease["status"] == Lease.Status.NOTICE
            plan.append(card)
    return FloorPlan(floors, shown, plan, occupancy_of(every))


def next_in_line_for(site: Site, spaces: list[PlanSpace]) -> None:
    """Set each free space's `next_in_line`: the first waiting startup it suits (same kind,
    big enough; `hosting.services.waiting.next_in_line`'s rule), in one query."""
    free = [space for space in spaces if space.lease_id is None]
    if not free:
        return
    waiting = list(
        WaitingEntry.objects.filter(site=site, status=WaitingEntry.Status.WAITING)
        .order_by(*WaitingEntry._meta.ordering)
        .values("kind", "area_needed_m2", "startup__name")
    )
    for space in free:
        space.next_in_line = next(
            (
                entry["startup__name"]
                for entry in waiting
                if entry["kind"] == space.kind and entry["area_needed_m2"] <= space.area_m2
            ),
            "",
        )


def stay_limits(leases: list[Lease]) -> dict[int, dt.date]:
    """For each lease, the date its startup reaches its program's stay limit at the site.

    The stay runs from the startup's first signed contract at the site; the limit is the
    `stay_limit_years` of its latest program there (5 years by default).
    """
    from technopark.programs.models import Enrollment

    pairs = {(lease.startup_id, lease.site_id) for lease in leases}
    if not pairs:
        return {}
    startup_ids = {s for s, _ in pairs}
    first_start: dict[tuple[int, int], dt.date] = {}
    for startup_id, site_id, starts_on in (
        Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(startup_id__in=startup_ids)
        .values_list("startup_id", "site_id", "starts_on")
    ):
        key = (startup_id, site_id)
        first_start[key] = min(first_start.get(key, starts_on), starts_on)
    limit_years: dict[tuple[int, int], int] = {}
    for startup_id, site_id, years in (
        Enrollment.objects.filter(startup_id__in=startup_ids)
        .order_by("started_on")
        .values_list("startup_id", "site_id", "program__stay_limit_years")
    ):
        limit_years[(startup_id, site_id)] = years
    limits = {}
    for lease in leases:
        key = (lease.startup_id, lease.site_id)
        if key in first_start:
            start = first_start[key]
            years = limit_years.get(key, 5)
            try:
                limits[lease.pk] = start.replace(year=start.year + years)
            except ValueError:  # 29 February
                limits[lease.pk] = start.replace(year=start.year + years, day=28)
    return limits


def over_stay_limit(lease: Lease, limit: dt.date | None, today: dt.date) -> bool:
    """The contract runs (or is planned to run) past the stay limit."""
    if limit is None or lease.status == Lease.Status.ENDED:
        return False
    return (lease.ends_on or lease.planned_end or today) > limit


def residents_in_month(site: Site, first: dt.date, after: dt.date) -> set[int]:
    """Startups with a signed contract at `site` covering a day of [first, after): the
    residents of the month, whose meeting-room hours are partly free."""
    return set(
        Lease.objects.signed()
        .filter(site=site, starts_on__lt=after)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=first))
        .values_list("startup_id", flat=True)
    )


def resident_access(startup, day: dt.date, *, site=None):
    """The rule of the site hosting `startup` on `day` (an active hosting contract) for its
    residents outside a program, or None (not hosted, or the site opens nothing to them).
    With `site`, only that site's."""
    from technopark.hosting.models import ResidentAccess

    sites = leases_active_on(day).filter(startup=startup).values("site_id")
    qs = ResidentAccess.objects.filter(site_id__in=sites).select_related("site")
    if site is not None:
        qs = qs.filter(site=site)
    return qs.order_by("site_id").first()
