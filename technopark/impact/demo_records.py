"""The records the demo startups declare: headcounts, exports, funding, patents, groupings,
answers and budgets. A part of `technopark/house/demo_network.py` (its `DemoNetwork` class),
kept apart so each file stays short; the article's figures are set here for 30 November 2022.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from technopark.impact.demo_tables import BUDGETS_2022, COUNTRIES, FUND_WEIGHTS, FUNDS
from technopark.network.models import SiteBudget
from technopark.startups.models import Export, Funding, Grouping, Headcount, Patent
from technopark.surveys.models import SatisfactionAnswer

if TYPE_CHECKING:
    from technopark.house.demo_network import Plan

ARTICLE_DAY = dt.date(2022, 11, 30)
YEAR_BEFORE = dt.date(2021, 11, 30)
TARGET = {
    "supported": 3000,
    "direct": 1400,
    "jobs": 15000,
    "discontinued": 0.14,
    "closed": 0.11,
    "exporters": 0.25,
    "satisfied": 0.95,
}
SMALL_SCALE = 14  # the small network has about 1/14 of the spaces and startups
BATCH = 2000


def _days(n: float) -> dt.timedelta:
    return dt.timedelta(days=int(n))


class DeclaredRecords:
    """Mixed into `DemoNetwork`: needs `self.plans`, `self.rng`, `self.today`, `self.scale`."""

    # --- figures declared by the startups ------------------------------------------------

    def supported_plans(self) -> list[Plan]:
        return [p for p in self.plans if p.enrollments]

    def make_headcounts(self) -> list[Headcount]:
        """Jobs on 31 December of each year; scaled so the article's day sums to 15,000."""
        rng = self.rng
        rows: list[tuple[Plan, dt.date, float, float]] = []
        for plan in self.supported_plans():
            if rng.random() < 0.12:
                continue  # some never declare
            first = plan.first_day.year
            last = min((plan.life_end or self.today).year, self.today.year - 1)
            final = max(1.0, rng.lognormvariate(1.25, 0.85))
            share = rng.uniform(0.2, 0.7)
            for year in range(first, last + 1):
                if rng.random() < 0.15:
                    continue
                size = 2 + (final - 2) * min(1.0, (year - first + 1) / 5)
                rows.append((plan, dt.date(year, 12, 31), size, size * share))
        latest: dict[int, tuple] = {}
        for row in rows:
            if row[1] <= ARTICLE_DAY and row[0].supported_on(ARTICLE_DAY):
                latest[id(row[0])] = row
        total = sum(r[2] + r[3] for r in latest.values()) or 1
        factor = TARGET["jobs"] * self.scale / total
        return [
            Headcount(
                startup=plan.obj,
                as_of=day,
                direct_jobs=max(1, round(direct * factor)),
                indirect_jobs=round(indirect * factor),
            )
            for plan, day, direct, indirect in rows
        ]

    def set_exporters(self) -> None:
        """A quarter of the residents on the article's day exported in 2021 or 2022."""
        rng = self.rng
        residents = [p for p in self.plans if p.resident_on(ARTICLE_DAY)]
        rng.shuffle(residents)
        cut = round(len(residents) * TARGET["exporters"])
        chosen = {id(p) for p in residents[:cut]}
        resident_ids = {id(p) for p in residents}
        for plan in self.plans:
            if id(plan) in resident_ids:
                plan.exporter = id(plan) in chosen
            else:
                plan.exporter = rng.random() < 0.22
            if plan.exporter:
                plan.countries = sorted(set(rng.sample(COUNTRIES[:-2], rng.randrange(1, 4))))

    def make_exports(self) -> list[Export]:
        rng = self.rng
        rows = []
        for plan in self.plans:
            if not plan.exporter:
                continue
            first = plan.first_day.year + rng.randrange(0, 3)
            last = min((plan.life_end or self.today).year, self.today.year)
            if plan.resident_on(ARTICLE_DAY):
                first = min(first, 2022)
            countries = list(plan.countries)
            if first >= 2024 and rng.random() < 0.1:
                countries.append(rng.choice(COUNTRIES[-2:]))  # Brazil, Australia: recent
            for year in range(first, last + 1):
                for country in countries:
                    if year == 2022 and plan.resident_on(ARTICLE_DAY) or rng.random() < 0.8:
                        amount = Decimal(rng.randrange(40, 2500) * 1000)
                        rows.append(
                            Export(startup=plan.obj, year=year, country=country, amount_mad=amount)
                        )
        return rows

    def make_fundings(self) -> list[Funding]:
        rng = self.rng
        rows = []
        for plan in self.supported_plans():
            if rng.random() > 0.3:
                continue
            start = plan.first_day
            used = set()
            for _ in range(rng.choice((1, 1, 1, 2))):
                source, kind, low, high = rng.choices(FUNDS, weights=FUND_WEIGHTS)[0]
                day = start + _days(rng.randrange(30, 900))
                if day > self.today or (day, source) in used:
                    continue
                used.add((day, source))
                rows.append(
                    Funding(
                        startup=plan.obj,
                        obtained_on=day,
                        source=source,
                        kind=kind,
                        amount_mad=Decimal(rng.randrange(low, high + 1, 5000)),
                    )
                )
        return rows

    def residents_on(self, day: dt.date, *, direct: bool = False) -> list[Plan]:
        found = [p for p in self.plans if p.resident_on(day)]
        return [p for p in found if p.kind == "A"] if direct else found

    def make_patents(self) -> list[Patent]:
        titles = [
            ("2012-04-17", "OMPIC", "Capteur d'humidité pour l'irrigation goutte-à-goutte"),
            ("2017-09-05", "OMPIC", "Procédé de séchage solaire de l'argan"),
            ("2020-02-24", "EPO", "Système de paiement mobile hors ligne"),
            ("2022-06-13", "OMPIC", "Brique isolante à base de fibres de palmier"),
            ("2023-10-02", "OMPIC", "Tableau électrique intelligent basse consommation"),
            ("2024-05-21", "WIPO", "Méthode de détection précoce du bayoud"),
            ("2025-03-11", "OMPIC", "Dessalement solaire modulaire pour fermes"),
        ]
        rows = []
        for n, (day, office, title) in enumerate(titles):
            day = dt.date.fromisoformat(day)
            if day > self.today:
                continue
            owners = [p for p in self.residents_on(day, direct=True) if p.supported_on(day)]
            if owners:
                owner = owners[(n * 7) % len(owners)]
                rows.append(
                    Patent(
                        startup=owner.obj,
                        filed_on=day,
                        office=office,
                        title=title,
                        reference=f"MA{day.year}{n + 1:05d}",
                    )
                )
        return rows

    def make_groupings(self) -> tuple[list[Grouping], list[tuple[int, Plan, bool]]]:
        specs = [
            ("gie", "2010-06-01", "GIE Maghreb Smart Solutions"),
            ("gie", "2014-03-12", "GIE e-Gov Atlas"),
            ("gie", "2016-11-08", "GIE Souss Digital"),
            ("merger", "2017-07-03", "Fusion DataSud et Arganet"),
            ("gie", "2019-01-15", "GIE Green Build Maroc"),
            ("gie", "2020-09-28", "GIE Santé Connectée"),
            ("merger", "2021-05-17", "Fusion Fintaj et PayLink"),
            ("gie", "2022-04-05", "GIE Smart City Tanger"),
            ("gie", "2023-06-19", "GIE AgriTech Souss"),
            ("merger", "2024-02-12", "Fusion Kitab et Lumen"),
            ("gie", "2025-10-06", "GIE Cyber Atlas"),
        ]
        groupings, members = [], []
        for n, (kind, day, name) in enumerate(specs):
            day = dt.date.fromisoformat(day)
            pool = self.residents_on(day)
            if day > self.today or len(pool) < 2:
                continue
            size = 2 if kind == "merger" else self.rng.randrange(2, 5)
            chosen = self.rng.sample(pool, min(size, len(pool)))
            groupings.append(
                Grouping(
                    code=f"{kind.upper()}-{day.year}-{n + 1:02d}",
                    kind=kind,
                    name=name,
                    formed_on=day,
                )
            )
            members.extend((len(groupings) - 1, plan, i == 0) for i, plan in enumerate(chosen))
        return groupings, members

    def make_answers(self) -> list[SatisfactionAnswer]:
        """The yearly survey (June) and answers after services; 95% satisfied in the
        article's year."""
        rng = self.rng
        rows = []
        for year in range(2004, self.today.year + 1):
            campaign = dt.date(year, 6, 1)
            for plan in self.residents_on(dt.date(year, 6, 15)):
                if rng.random() < 0.55:
                    rows.append([plan, campaign + _days(rng.randrange(0, 40)), "survey", ""])
                if rng.random() < 0.15:
                    day = dt.date(year, 1, 1) + _days(rng.randrange(0, 365))
                    rows.append([plan, day, "service", "Domiciliation et services"])
        rows = [r for r in rows if r[1] <= self.today]
        window = [r for r in rows if YEAR_BEFORE < r[1] <= ARTICLE_DAY]
        rng.shuffle(window)
        low = round(len(window) * (1 - TARGET["satisfied"]))
        scores = {
            id(r): (rng.choice((1, 2, 3, 3)) if i < low else rng.choice((4, 4, 5, 5, 5)))
            for i, r in enumerate(window)
        }
        answers = []
        for row in rows:
            score = scores.get(id(row))
            if score is None:
                score = rng.choice((1, 2, 3)) if rng.random() < 0.08 else rng.choice((4, 5, 5))
            answers.append(
                SatisfactionAnswer(
                    startup=row[0].obj,
                    answered_on=row[1],
                    score=score,
                    channel=row[2],
                    subject=row[3],
                )
            )
        return answers

    def make_budgets(self) -> list[SiteBudget]:
        rows = []
        for code, amount in BUDGETS_2022.items():
            site = self.sites[code]
            for year in range(site.opened_on.year, self.today.year + 1):
                growth = 1 + 0.045 * (year - 2022)
                first = 0.5 if year == site.opened_on.year and year != 2022 else 1
                value = amount * growth * first * (1 + self.rng.uniform(-0.03, 0.03))
                if year == 2022:
                    value = amount
                rows.append(
                    SiteBudget(
                        site=site, year=year, amount_mad=Decimal(round(value * self.scale, -3))
                    )
                )
        return rows
