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
    DecimalField,
    Exists,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from technopark.hosting.models import CreditNote, Invoice, Lease, Payment, WaitingEntry
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


_PAID = Subquery(
    Payment.objects.filter(invoice=OuterRef("pk"))
    .values("invoice")
    .annotate(total=Sum("amount_mad"))
    .values("total"),
    output_field=DecimalField(max_digits=12, decimal_places=2),
)


_CREDITED = Subquery(
    CreditNote.objects.filter(invoice=OuterRef("pk"))
    .values("invoice")
    .annotate(total=Sum("total_mad"))
    .values("total"),
    output_field=DecimalField(max_digits=12, decimal_places=2),
)


def invoices_with_balance(qs: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Invoices annotated with `paid_mad` and `credited_mad`; `balance_due` uses both."""
    return qs.annotate(
        paid_mad=Coalesce(_PAID, Value(Decimal("0")), output_field=DecimalField()),
        credited_mad=Coalesce(_CREDITED, Value(Decimal("0")), output_field=DecimalField()),
    ).select_related("site", "startup")


@dataclass
class Arrears:
    startup_id: int
    startup_name: str
    startup_ref: str
    invoices: int
    due_mad: Decimal
    oldest_due_on: dt.date


def arrears(invoices: QuerySet[Invoice], today: dt.date) -> list[Arrears]:
    """Per startup: unpaid balances of invoices past their due date, largest first."""
    by_startup: dict[int, Arrears] = {}
    for invoice in invoices_with_balance(invoices.filter(due_on__lt=today)):
        balance = invoice.total_mad - invoice.paid_mad - invoice.credited_mad
        if balance <= 0:
            continue
        row = by_startup.get(invoice.startup_id)
        if row is None:
            row = by_startup[invoice.startup_id] = Arrears(
                invoice.startup_id,
                invoice.startup.name,
                invoice.startup.ref,
                0,
                Decimal("0"),
                invoice.due_on,
            )
        row.invoices += 1
        row.due_mad += balance
        row.oldest_due_on = min(row.oldest_due_on, invoice.due_on)
    return sorted(by_startup.values(), key=lambda a: a.due_mad, reverse=True)


AGE_BUCKETS = (
    ("0-30", _("0–30 days"), 0, 30),
    ("31-60", _("31–60 days"), 31, 60),
    ("61-90", _("61–90 days"), 61, 90),
    ("90+", _("Over 90 days"), 91, None),
)


@dataclass
class AgedDebt:
    site_code: str
    startup_name: str
    startup_ref: str
    client_ice: str
    buckets: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), Decimal("0"))


def arrears_by_age(invoices: QuerySet[Invoice], today: dt.date) -> list[AgedDebt]:
    """Per site and startup, unpaid balances past due by age since the due date
    (0–30, 31–60, 61–90, over 90 days), largest debt first."""
    rows: dict[tuple[int, int], AgedDebt] = {}
    for invoice in invoices_with_balance(invoices.filter(due_on__lt=today)):
        balance = invoice.total_mad - invoice.paid_mad - invoice.credited_mad
        if balance <= 0:
            continue
        key = (invoice.site_id, invoice.startup_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = AgedDebt(
                invoice.site.code,
                invoice.startup.name,
                invoice.startup.ref,
                invoice.client_ice,
                {name: Decimal("0") for name, _label, _lo, _hi in AGE_BUCKETS},
            )
        age = (today - invoice.due_on).days
        for name, _label, low, high in AGE_BUCKETS:
            if age >= low and (high is None or age <= high):
                row.buckets[name] += balance
                break
    return sorted(rows.values(), key=lambda r: (r.site_code, -r.total))


def age_totals(rows: list[AgedDebt]) -> dict[str, Decimal]:
    totals = {name: Decimal("0") for name, _label, _lo, _hi in AGE_BUCKETS}
    for row in rows:
        for name, amount in row.buckets.items():
            totals[name] += amount
    return totals
