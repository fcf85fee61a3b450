"""The demo network's own records: operators, sites, spaces, programs and 25 years of startups.

`seed(ctx)` is the first part of `technopark seed-demo`; every other part builds on what it
makes. It is calibrated so that the bilan as of 30 November 2022 is the one the network's
director gave the press that month (about 3,000 startups supported, 1,400 directly, 450
residents, full occupancy, 86% incubation success, 89% survival after exit, 15,000 jobs,
~30% renewal, 25% exporters on four continents, 4 patents, 95% satisfaction, 32-35 MDH for
five sites, three sites being built), and its records go on plausibly to `ctx.today`.

How: leasable spaces are let in back-to-back tenancies (a startup each); resident startups
get their program enrollments around their tenancy; non-resident startups complete the
supported counts; then the few figures the article states as rates are set exactly for the
article's day (outcomes, closures, export flags, scores) and drawn freely for other days.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from technopark.core.demo import DemoContext
from technopark.hosting.models import Lease
from technopark.hosting.services import leases_bulk_create
from technopark.impact.demo_records import (
    ARTICLE_DAY,
    SMALL_SCALE,
    TARGET,
    DeclaredRecords,
    _days,
)
from technopark.impact.demo_tables import (
    OPERATORS,
    PROGRAMS,
    SECTORS,
    SITES,
    legal_form,
    startup_identity,
)
from technopark.network.models import Operator, Region, Site, Space
from technopark.network.services import (
    operator_create,
    site_budgets_bulk_create,
    site_create,
    spaces_bulk_create,
)
from technopark.programs.models import Enrollment, Program
from technopark.programs.services import enrollments_bulk_create, program_create
from technopark.startups.models import FollowUp, GroupingMember, Startup
from technopark.startups.services import (
    exports_bulk_create,
    followups_bulk_create,
    fundings_bulk_create,
    grouping_members_bulk_create,
    groupings_bulk_create,
    headcounts_bulk_create,
    patents_bulk_create,
    startups_bulk_create,
)
from technopark.surveys.services import satisfaction_bulk_record


class Plan:
    """One startup's life before it is saved: enrollments, tenancy and fate."""

    __slots__ = (
        "kind",
        "site",
        "tenancy",
        "enrollments",
        "life_end",
        "exporter",
        "countries",
        "obj",
        "followups",
    )

    def __init__(self, kind: str, site: Site):
        self.kind = kind  # A direct resident, B partner resident, C hosted only, NA / NB
        self.site = site
        self.tenancy: list | None = None  # [space, start, end or None]
        self.enrollments: list[list] = []  # [program_code, site, start, end, outcome]
        self.life_end: dt.date | None = None
        self.exporter = False
        self.countries: list[str] = []
        self.obj: Startup | None = None
        self.followups: list[list] = []  # [date, status]

    @property
    def first_day(self) -> dt.date:
        days = [e[2] for e in self.enrollments]
        if self.tenancy:
            days.append(self.tenancy[1])
        return min(days)

    def supported_on(self, day: dt.date) -> bool:
        return any(e[2] <= day for e in self.enrollments)

    def resident_on(self, day: dt.date) -> bool:
        t = self.tenancy
        return bool(t) and t[1] <= day and (t[2] is None or t[2] > day)


class DemoNetwork(DeclaredRecords):
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today
        self.scale = (1 / SMALL_SCALE if ctx.small else 1.0) * getattr(ctx, "scale", 1)
        self.plans: list[Plan] = []

    # --- the fixed network -----------------------------------------------------------

    def make_network(self) -> None:
        regions = {r.code: r for r in Region.objects.all()}
        self.operators = {}
        for slug, name, kind, city, region, legal in OPERATORS:
            self.operators[slug] = operator_create(
                by=None,
                slug=slug,
                name=name,
                kind=kind,
                is_network_operator=(kind == Operator.Kind.NETWORK),
                city=city,
                region=regions[region],
                **legal,
            )
        self.sites: dict[str, Site] = {}
        self.offices: dict[str, int] = {}
        for code, name, city, region, opened, planned, offices, operator, lat, lon in SITES:
            self.sites[code] = site_create(
                code=code,
                name=name,
                city=city,
                region=regions[region],
                operator=self.operators[operator],
                opened_on=opened,
                planned_opening=planned,
                latitude=lat,
                longitude=lon,
                email=f"contact.{code.lower()}@technopark.ma",
                address=f"Technopark, {city}",
            )
            self.offices[code] = max(3, round(offices * self.scale)) if offices else 0
        self.programs: dict[str, Program] = {}
        for code, name, kind, operator, direct, site_codes in PROGRAMS:
            self.programs[code] = program_create(
                sites=[self.sites[c] for c in site_codes],
                code=code,
                name=name,
                kind=kind,
                operator=self.operators[operator],
                direct=direct,
            )
        self.make_spaces()

    def make_spaces(self) -> None:
        rng = self.rng
        spaces: list[Space] = []
        floors = ["RDC", "1er étage", "2e étage", "3e étage"]
        for code, count in self.offices.items():
            if not count:
                continue
            site = self.sites[code]
            for i in range(count):
                floor = i * len(floors) // count
                lab = i % 17 == 16
                if lab:
                    area, kind = rng.randrange(30, 81), Space.Kind.LAB
                elif rng.random() < 0.7:
                    area, kind = rng.randrange(12, 20), Space.Kind.OFFICE
                else:
                    area, kind = rng.randrange(24, 69), Space.Kind.OFFICE
                spaces.append(
                    Space(
                        site=site,
                        code=f"B{floor}{i:03d}",
                        name=(f"Lab {i:03d}" if lab else f"Bureau {i:03d}"),
                        kind=kind,
                        area_m2=Decimal(area),
                        seats=max(1, area // 6),
                        leasable=True,
                        floor=floors[floor],
                    )
                )
            extra = [("COW", "Espace coworking", Space.Kind.COWORKING, 180, 40, "RDC")]
            for n in range(1, 4 + (code == "CASA") * 2):
                extra.append(
                    (
                        f"SR{n}",
                        f"Salle de réunion {n}",
                        Space.Kind.MEETING_ROOM,
                        18 + 6 * n,
                        6 + 2 * n,
                        floors[n % 3],
                    )
                )
            extra.append(("AUDI", "Auditorium", Space.Kind.EVENT_HALL, 320, 220, "RDC"))
            if code in ("CASA", "RABAT"):
                extra.append(("AGORA", "Salle Agora", Space.Kind.EVENT_HALL, 140, 90, "1er étage"))
            for space_code, name, kind, area, seats, floor in extra:
                spaces.append(
                    Space(
                        site=site,
                        code=space_code,
                        name=name,
                        kind=kind,
                        area_m2=Decimal(area),
                        seats=seats,
                        leasable=False,
                        floor=floor,
                    )
                )
        spaces_bulk_create(rows=spaces)
        self.leasable = [s for s in Space.objects.filter(leasable=True).order_by("site_id", "code")]
        sites_by_id = {s.pk: s for s in self.sites.values()}
        for space in self.leasable:
            space.site = sites_by_id[space.site_id]

    # --- the startups' lives ---------------------------------------------------------

    def open_sites_on(self, day: dt.date) -> list[Site]:
        return [s for s in self.sites.values() if s.opened_on and s.opened_on <= day]

    def make_tenancies(self) -> None:
        """Each leasable space is let back to back from the site's opening to today."""
        rng = self.rng
        for space in self.leasable:
            opened = space.site.opened_on
            spread = 900 if opened.year < 2010 else 420
            start = opened + _days(rng.randrange(0, spread))
            while start <= self.today:
                end = start + _days(rng.uniform(0.6, 5.4) * 365)
                roll = rng.random()
                kind = "A" if roll < 0.56 else ("B" if roll < 0.9 else "C")
                plan = Plan(kind, space.site)
                plan.tenancy = [space, start, end if end <= self.today else None]
                self.plans.append(plan)
                gap = 0 if rng.random() < 0.94 else rng.randrange(3, 30)
                start = end + _days(gap)

    def partner_program(self, site: Site, resident: bool) -> str:
        incubators = {"CASA": "UH2C-INCUB", "RABAT": "UM5-INCUB", "TANGER": "UAE-INCUB"}
        incubator = incubators.get(site.code, "UIZ-INCUB")
        roll = self.rng.random()
        if roll < (0.75 if resident else 0.6):
            return incubator
        if not resident and roll > 0.9 and site.code in ("CASA", "RABAT", "TANGER"):
            return "OPEN-INNOV"
        return "REM-LAUREATS"

    def enroll(self, plan: Plan, code: str, start: dt.date, length_days: int) -> list:
        end = start + _days(length_days)
        row = [code, plan.site, start, end if end <= self.today else None, ""]
        plan.enrollments.append(row)
        return row

    def enroll_residents(self) -> None:
        rng = self.rng
        for plan in self.plans:
            _space, start, end = plan.tenancy
            if plan.kind == "C":
                continue
            begin = start - _days(rng.randrange(0, 45))
            if plan.kind == "A":
                if rng.random() < 0.3:
                    pre = begin - _days(rng.randrange(200, 300))
                    self.enroll(plan, "BOOST-UP-LAB", pre, (begin - pre).days)
                length = rng.randrange(330, 1100)
                if end is not None:
                    length = min(length, max(60, (end - begin).days))
                self.enroll(plan, "START", begin, length)
            else:
                code = self.partner_program(plan.site, resident=True)
                self.enroll(plan, code, begin, rng.randrange(300, 760))

    def add_non_residents(self) -> None:
        """Startups accompanied without an office: enough to meet the article's counts."""
        supported = [p for p in self.plans if p.supported_on(ARTICLE_DAY)]
        direct_codes = {c for c, *_x, direct, _s in PROGRAMS if direct}
        direct = sum(1 for p in supported if self.is_direct_by(p, ARTICLE_DAY, direct_codes))
        want_direct = round(TARGET["direct"] * self.scale) - direct
        want_partner = round((TARGET["supported"] - TARGET["direct"]) * self.scale) - (
            len(supported) - direct
        )
        years_after = (self.today - ARTICLE_DAY).days / 365
        for kind, count in (("NA", want_direct), ("NB", want_partner)):
            count = max(count, 0)
            first = dt.date(2002, 3, 1)
            for _i in range(count):
                span = (ARTICLE_DAY - first).days
                self.add_non_resident(kind, first + _days(span * self.rng.random() ** 0.6))
            for _i in range(round(count * 0.09 * years_after)):
                span = (self.today - ARTICLE_DAY).days
                self.add_non_resident(kind, ARTICLE_DAY + _days(1 + self.rng.randrange(span)))

    def is_direct_by(self, plan: Plan, day: dt.date, direct_codes: set[str]) -> bool:
        return any(e[0] in direct_codes and e[2] <= day for e in plan.enrollments)

    def add_non_resident(self, kind: str, start: dt.date) -> None:
        rng = self.rng
        site = rng.choice(self.open_sites_on(start))
        plan = Plan(kind, site)
        if kind == "NA":
            if rng.random() < 0.55:
                self.enroll(plan, "BOOST-UP-LAB", start, rng.randrange(180, 280))
            else:
                self.enroll(plan, "E-TECHNOPARK", start, rng.randrange(300, 730))
        else:
            self.enroll(
                plan, self.partner_program(site, resident=False), start, rng.randrange(300, 760)
            )
        self.plans.append(plan)

    def set_outcomes(self) -> None:
        """Exactly 14% of the incubations that ended by the article's day were discontinued."""
        rng = self.rng
        incubation = {c for c, _n, kind, *_x in PROGRAMS if kind == Program.Kind.INCUBATION}
        by_article = []
        for plan in self.plans:
            for row in plan.enrollments:
                if row[3] is None:
                    continue
                if row[0] in incubation and row[3] <= ARTICLE_DAY:
                    by_article.append(row)
                else:
                    row[4] = "discontinued" if rng.random() < 0.14 else "graduated"
        rng.shuffle(by_article)
        cut = round(len(by_article) * TARGET["discontinued"])
        for i, row in enumerate(by_article):
            row[4] = "discontinued" if i < cut else "graduated"

    def follow_on(self) -> None:
        """Graduated residents go on in DEVELOP, a few in ACCELERATE, while they are hosted."""
        rng = self.rng
        for plan in self.plans:
            if plan.kind != "A":
                continue
            start_row = next(e for e in plan.enrollments if e[0] == "START")
            tenancy_end = plan.tenancy[2]
            if start_row[4] != "graduated":
                continue
            begin = start_row[3]
            stop = tenancy_end or self.today + _days(400)
            if (stop - begin).days < 120:
                continue
            code = "ACCELERATE" if rng.random() < 0.2 else "DEVELOP"
            row = self.enroll(plan, code, begin, (stop - begin).days)
            row[4] = "graduated" if row[3] else ""

    def set_followups(self) -> None:
        """Yearly follow-ups after incubation; exactly 11% of those observed by the article's
        day had closed by then."""
        rng = self.rng
        incubation = {c for c, _n, kind, *_x in PROGRAMS if kind == Program.Kind.INCUBATION}
        observed = []
        for plan in self.plans:
            exits = [e[3] for e in plan.enrollments if e[0] in incubation and e[4] == "graduated"]
            if not exits or rng.random() < 0.06:
                continue
            day = max(exits) + _days(rng.randrange(200, 420))
            while day <= self.today:
                plan.followups.append([day, "active"])
                day += _days(rng.randrange(335, 395))
            if plan.followups and plan.followups[0][0] <= ARTICLE_DAY:
                observed.append(plan)
        rng.shuffle(observed)
        cut = round(len(observed) * TARGET["closed"])

        def gone(plan: Plan, day: dt.date) -> bool:
            return not plan.tenancy or (plan.tenancy[2] is not None and plan.tenancy[2] <= day)

        closing = [
            p for p in observed if any(gone(p, f[0]) for f in p.followups if f[0] <= ARTICLE_DAY)
        ][:cut]
        closing_ids = {id(p) for p in closing}
        for plan in observed:
            if id(plan) in closing_ids:
                i = next(
                    i
                    for i, f in enumerate(plan.followups)
                    if f[0] <= ARTICLE_DAY and gone(plan, f[0])
                )
                self.end_followups(plan, i, "closed")
        for plan in self.plans:
            if id(plan) in closing_ids:
                continue
            for i, (day, _status) in enumerate(plan.followups):
                roll = rng.random()
                if day > ARTICLE_DAY and roll < 0.035 and gone(plan, day):
                    self.end_followups(plan, i, "closed")
                    break
                if roll > 0.99 and gone(plan, day):
                    self.end_followups(plan, i, "acquired" if roll > 0.995 else "merged")
                    break
        for plan in self.plans:
            if plan.life_end is None and plan.enrollments:
                last = plan.enrollments[-1]
                if last[4] == "discontinued" and rng.random() < 0.5:
                    plan.life_end = last[3] + _days(rng.randrange(180, 700))

    def end_followups(self, plan: Plan, index: int, status: str) -> None:
        plan.followups = plan.followups[: index + 1]
        plan.followups[index][1] = status
        plan.life_end = plan.followups[index][0]

    # --- saving ------------------------------------------------------------------------

    def save(self) -> None:
        rng = self.rng
        self.plans.sort(key=lambda p: (p.first_day, p.site.code))
        startups = []
        names: set[str] = set()
        for n, plan in enumerate(self.plans, start=1):
            identity = startup_identity(rng, names, n, plan.site, plan.first_day)
            identity["sector"] = rng.choices(*zip(*SECTORS, strict=True))[0]
            identity["legal_form"] = legal_form(rng)
            plan.obj = Startup(**identity)
            startups.append(plan.obj)
        startups_bulk_create(rows=startups)
        programs = self.programs
        enrollments, leases = [], []
        for plan in self.plans:
            for code, site, start, end, outcome in plan.enrollments:
                enrollments.append(
                    Enrollment(
                        startup=plan.obj,
                        program=programs[code],
                        site=site,
                        started_on=start,
                        ended_on=end,
                        outcome=outcome if end else "",
                    )
                )
            if plan.tenancy:
                space, start, end = plan.tenancy
                planned = start + _days(365 * rng.choice((2, 3, 3, 5)))
                if end is None and planned <= self.today:
                    planned = self.today + _days(rng.randrange(30, 700))
                status = Lease.Status.ENDED if end else Lease.Status.ACTIVE
                if end is None and (planned - self.today).days < 90:
                    status = Lease.Status.NOTICE
                rate = Decimal("40") + Decimal(start.year - 2001) / 2
                leases.append(
                    Lease(
                        site=space.site,
                        space=space,
                        startup=plan.obj,
                        status=status,
                        starts_on=start,
                        ends_on=end,
                        planned_end=planned,
                        monthly_rent_mad=(space.area_m2 * rate).quantize(Decimal("1")),
                    )
                )
        enrollments_bulk_create(rows=enrollments)
        leases_bulk_create(rows=leases)
        followups_bulk_create(
            rows=[
                FollowUp(startup=p.obj, observed_on=d, status=s)
                for p in self.plans
                for d, s in p.followups
            ]
        )
        headcounts_bulk_create(rows=self.make_headcounts())
        exports_bulk_create(rows=self.make_exports())
        fundings_bulk_create(rows=self.make_fundings())
        patents_bulk_create(rows=self.make_patents())
        groupings, members = self.make_groupings()
        groupings_bulk_create(rows=groupings)
        grouping_members_bulk_create(
            rows=[
                GroupingMember(grouping=groupings[i], startup=p.obj, is_lead=lead)
                for i, p, lead in members
            ]
        )
        satisfaction_bulk_record(rows=self.make_answers())
        site_budgets_bulk_create(rows=self.make_budgets())


def seed(ctx: DemoContext) -> None:
    network = DemoNetwork(ctx)
    network.make_network()
    network.make_tenancies()
    network.enroll_residents()
    network.add_non_residents()
    network.set_outcomes()
    network.follow_on()
    network.set_followups()
    network.set_exporters()
    network.save()
    ctx.log(
        f"{len(network.sites)} sites, {len(network.leasable)} offices, "
        f"{len(network.plans)} startups since 2001"
    )
