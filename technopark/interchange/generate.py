"""A synthetic network in the interchange format, for benchmarks and load tests.

    python -m technopark.interchange.generate DIR [--startups 100000] [--years 25] [--seed 1]

Writes the 14 CSV files into DIR: 8 sites with 300 leasable offices each, N startups
with about 7 records each (enrollments, leases that never overlap, follow-ups,
headcounts, exports, satisfaction answers, fundings, a few patents and groupings).
Deterministic for a seed. Needs no database.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

from technopark.interchange.tables import TABLES

SITES = [
    ("CASA", "Technopark Casablanca", "Casablanca", "MA-06", "2001-10-01"),
    ("RABAT", "Technopark Rabat", "Rabat", "MA-04", "2012-06-04"),
    ("TANGER", "Technopark Tanger", "Tanger", "MA-01", "2015-03-02"),
    ("AGADIR", "Technopark Agadir", "Agadir", "MA-09", "2021-06-01"),
    ("MARRAKECH", "Technopark Marrakech", "Marrakech", "MA-07", "2005-01-10"),
    ("FES", "Technopark Fès", "Fès", "MA-03", "2008-04-01"),
    ("OUJDA", "Technopark Oujda", "Oujda", "MA-02", "2010-02-01"),
    ("LAAYOUNE", "Technopark Laâyoune", "Laâyoune", "MA-11", "2012-09-01"),
]
SPACES_PER_SITE = 300
PROGRAMS = [
    ("PRE", "Pré-incubation", "pre_incubation", "MITC", "true"),
    ("INC", "Incubation Technopark", "incubation", "MITC", "true"),
    ("ACC", "Accélération Scale-up", "acceleration", "MITC", "true"),
    ("INC-PART", "Incubation partenaire", "incubation", "Réseau partenaire", "false"),
]
WORDS = [
    "Atlas",
    "Medina",
    "Souss",
    "Andalus",
    "Argan",
    "Sahara",
    "Oasis",
    "Rif",
    "Draa",
    "Tafilalet",
]
TRADES = ["Tech", "Robotics", "Health", "Food", "Pay", "Logistics", "Data", "Green", "Edu", "Agri"]
SECTORS = ["Fintech", "Santé", "Agritech", "Logistique", "Industrie 4.0", "Edtech", "Cleantech"]
COUNTRIES = ["FR", "ES", "SN", "CI", "US", "DE", "TN", "SA", "AE", "GB", "CA", "NG", "KE"]


def generate(directory: str | Path, *, startups: int = 100_000, years: int = 25, seed: int = 1):
    rng = random.Random(seed)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        t.name: (directory / f"{t.name}.csv").open("w", encoding="utf-8", newline="")
        for t in TABLES
    }
    out = {name: csv.writer(f, lineterminator="\n") for name, f in files.items()}
    for table in TABLES:
        out[table.name].writerow(table.names)
    end = dt.date(2026, 6, 30)
    start = end - dt.timedelta(days=365 * years)
    for code, name, city, region, opened in SITES:
        out["sites"].writerow([code, name, city, region, "MITC", opened, "", ""])
        for n in range(SPACES_PER_SITE):
            out["spaces"].writerow(
                [
                    code,
                    f"{code[:3]}-{n:04d}",
                    "office",
                    f"{rng.randint(12, 120)}.5",
                    rng.randint(1, 12),
                    "true",
                ]
            )
        for year in range(max(start.year, int(opened[:4])), end.year + 1):
            out["budgets"].writerow([code, year, f"{rng.uniform(2e6, 9e6):.2f}"])
    for row in PROGRAMS:
        out["programs"].writerow(row)
    # Each office is let to one startup after another, never two at once.
    free_from = {(code, n): start for code, *_ in SITES for n in range(SPACES_PER_SITE)}
    space_keys = list(free_from)
    span = (end - start).days
    refs = []
    for i in range(startups):
        ref = f"S{i:07d}"
        refs.append(ref)
        founded = start + dt.timedelta(days=rng.randint(0, span - 400))
        site = rng.choice(SITES)
        ice = f"{rng.randint(0, 10**15 - 1):015d}" if rng.random() < 0.7 else ""
        out["startups"].writerow([
            ref, f"{rng.choice(WORDS)} {rng.choice(TRADES)} {i}", rng.choice(["SARL", "SARL_AU", "SA", "SAS", ""]),
            ice, founded.isoformat(), rng.choice(SECTORS), site[2], site[3],
            f"contact{i}@example.ma", "", "true" if rng.random() < 0.6 else "false",
        ])  # fmt: skip
        enrolled = founded + dt.timedelta(days=rng.randint(0, 200))
        program = rng.choice(PROGRAMS)[0]
        stay = rng.randint(120, 1500)
        ended = enrolled + dt.timedelta(days=stay)
        if ended >= end:
            out["enrollments"].writerow([ref, program, site[0], enrolled.isoformat(), "", ""])
        else:
            outcome = "graduated" if rng.random() < 0.86 else "discontinued"
            out["enrollments"].writerow(
                [ref, program, site[0], enrolled.isoformat(), ended.isoformat(), outcome]
            )
        if rng.random() < 0.8:
            for _attempt in range(3):
                key = rng.choice(space_keys)
                lease_start = max(free_from[key], enrolled) + dt.timedelta(days=1)
                if lease_start < end - dt.timedelta(days=30):
                    break
            else:
                key = None
            if key is not None:
                lease_end = lease_start + dt.timedelta(days=rng.randint(90, 1400))
                ends = lease_end.isoformat() if lease_end < end else ""
                free_from[key] = lease_end if ends else dt.date.max - dt.timedelta(days=10)
                out["leases"].writerow([
                    key[0], f"{key[0][:3]}-{key[1]:04d}", ref, lease_start.isoformat(), ends,
                    (lease_start + dt.timedelta(days=730)).isoformat(), f"{rng.randint(800, 12000)}.00",
                ])  # fmt: skip
        for k in range(rng.choice([1, 2, 2, 3])):
            day = founded + dt.timedelta(days=200 + 365 * k)
            if day < end:
                out["headcounts"].writerow(
                    [ref, day.isoformat(), rng.randint(1, 40), rng.randint(0, 20)]
                )
        if ended < end:
            observed = ended + dt.timedelta(days=rng.randint(100, 700))
            if observed < end:
                status = rng.choices(["active", "closed", "acquired", "merged"], [85, 10, 3, 2])[0]
                out["followups"].writerow([ref, observed.isoformat(), status])
        if rng.random() < 0.3:
            for country in rng.sample(COUNTRIES, rng.randint(1, 3)):
                year = rng.randint(enrolled.year, end.year)
                out["exports"].writerow([ref, year, country, f"{rng.uniform(1e4, 2e6):.2f}"])
        if rng.random() < 0.7:
            answered = enrolled + dt.timedelta(days=rng.randint(30, 300))
            if answered < end:
                out["satisfaction"].writerow(
                    [
                        ref,
                        answered.isoformat(),
                        rng.choices([1, 2, 3, 4, 5], [2, 3, 10, 35, 50])[0],
                        "",
                    ]
                )
        if rng.random() < 0.15:
            out["fundings"].writerow(
                [
                    ref,
                    (enrolled + dt.timedelta(days=90)).isoformat(),
                    rng.choice(["Innov Idea", "Intelaka", "Innov Invest"]),
                    rng.choice(["grant", "loan", "equity"]),
                    f"{rng.uniform(5e4, 2e6):.2f}",
                ]
            )
        if rng.random() < 0.01:
            out["patents"].writerow(
                [
                    ref,
                    (enrolled + dt.timedelta(days=200)).isoformat(),
                    "OMPIC",
                    f"Procédé {i}",
                    f"MA{i}",
                ]
            )
    for g in range(startups // 500):
        members = rng.sample(refs, 3)
        formed = start + dt.timedelta(days=rng.randint(0, span))
        out["groupings"].writerow(
            [
                f"G-{g:05d}",
                rng.choice(["gie", "merger"]),
                f"Groupement {g}",
                formed.isoformat(),
                ";".join(members),
            ]
        )
    for f in files.values():
        f.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--startups", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.directory, startups=args.startups, years=args.years, seed=args.seed)


if __name__ == "__main__":
    main()
