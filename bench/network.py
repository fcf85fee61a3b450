"""Write a made-up network of N startups with 25 years of records as interchange CSV files.

Deterministic (one seeded generator), streamed to disk row by row. The shape follows the
demo network: five operating sites and three being built, offices let back to back,
incubation with outcomes, yearly headcounts, follow-ups after exit, exports, answers.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

FIRST, LAST = dt.date(2001, 1, 1), dt.date(2025, 12, 31)
SITES = [
    ("CASA", "Technopark Casablanca", "Casablanca", "MA-06", "2001-01-01", 0.40),
    ("RABAT", "Technopark Rabat", "Rabat", "MA-04", "2012-05-02", 0.20),
    ("TANGER", "Technopark Tanger", "Tanger", "MA-01", "2015-03-16", 0.15),
    ("AGA-CISM", "Cité de l'Innovation Souss-Massa", "Agadir", "MA-09", "2018-10-01", 0.12),
    ("AGA-TP", "Technopark Agadir", "Agadir", "MA-09", "2021-02-15", 0.13),
]
PLANNED = [("FES", "Technopark Fès", "Fès", "MA-03"), ("OUJDA", "Technopark Oujda", "Oujda",
           "MA-02"), ("TIZNIT", "Technopark Tiznit", "Tiznit", "MA-09")]  # fmt: skip
PROGRAMS = [
    ("BOOST", "BOOST UP LAB", "pre_incubation", "MITC", "true"),
    ("START", "START", "incubation", "MITC", "true"),
    ("ACCEL", "ACCELERATE", "acceleration", "MITC", "true"),
    ("UNIV", "Incubateur universitaire", "incubation", "Université", "false"),
    ("REM", "Réseau Entreprendre", "other", "REM", "false"),
]
COUNTRIES = ["FR", "ES", "BE", "SN", "CI", "TN", "US", "CA", "AE", "DE", "GB", "EG", "BR"]


def _d(day: dt.date) -> str:
    return day.isoformat()


class Writer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.files = {}
        self.rows = {}

    def table(self, name: str, header: list[str]):
        fh = open(self.folder / f"{name}.csv", "w", newline="", encoding="utf-8")  # noqa: SIM115
        out = csv.writer(fh)
        out.writerow(header)
        self.files[name] = (fh, out)
        self.rows[name] = 0

    def row(self, name: str, *values) -> None:
        self.files[name][1].writerow(values)
        self.rows[name] += 1

    def close(self) -> dict[str, int]:
        for fh, _out in self.files.values():
            fh.close()
        return self.rows


def build(folder: Path, n: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    w = Writer(folder)
    tables = {
        "sites": ["code", "name", "city", "region", "operator", "opened_on", "planned_opening",
                  "closed_on"],
        "spaces": ["site", "code", "kind", "area_m2", "seats", "leasable"],
        "programs": ["code", "name", "kind", "operator", "direct"],
        "startups": ["id", "name", "legal_form", "ice", "founded_on", "sector", "city", "region",
                     "email", "website", "public"],
        "enrollments": ["startup", "program", "site", "started_on", "ended_on", "outcome"],
        "leases": ["site", "space", "startup", "starts_on", "ends_on", "planned_end",
                   "monthly_rent_mad"],
        "followups": ["startup", "observed_on", "status"],
        "headcounts": ["startup", "as_of", "direct_jobs", "indirect_jobs"],
        "exports": ["startup", "year", "country", "amount_mad"],
        "patents": ["startup", "filed_on", "office", "title", "reference"],
        "groupings": ["code", "kind", "name", "formed_on", "members"],
        "satisfaction": ["startup", "answered_on", "score", "comment"],
        "budgets": ["site", "year", "amount_mad"],
        "fundings": ["startup", "obtained_on", "source", "kind", "amount_mad"],
    }  # fmt: skip
    for name, header in tables.items():
        w.table(name, header)
    for code, name, city, region, opened, _share in SITES:
        w.row("sites", code, name, city, region, "MITC", opened, "", "")
        for year in range(int(opened[:4]), LAST.year + 1):
            w.row("budgets", code, year, f"{rng.uniform(3e6, 12e6):.2f}")
    for code, name, city, region in PLANNED:
        w.row("sites", code, name, city, region, "MITC", "", "2028", "")
    for row in PROGRAMS:
        w.row("programs", *row)

    # Startups: a site, a start day while the site is open, a life of programs.
    starts = {}
    for i in range(n):
        code, _n, city, region, opened, _s = rng.choices(SITES, weights=[s[5] for s in SITES])[0]
        begin = dt.date.fromisoformat(opened)
        start = begin + dt.timedelta(days=rng.randrange((LAST - begin).days))
        ref = f"S{i:06d}"
        starts[ref] = (code, start)
        w.row("startups", ref, f"Startup {i}", "SARL", f"{100000000000000 + i:015d}",
              _d(start - dt.timedelta(days=rng.randrange(0, 700))), "Technologies", city, region,
              f"contact{i}@example.ma", "", "true" if i % 3 else "false")  # fmt: skip
        day = start
        graduated_on = None
        for program, length, p in (("BOOST", 240, 0.4), ("START", 700, 0.8), ("ACCEL", 365, 0.2)):
            if rng.random() > p:
                continue
            program = "UNIV" if program == "START" and rng.random() < 0.3 else program
            end = day + dt.timedelta(days=rng.randrange(length // 2, length * 2))
            if end > LAST:
                w.row("enrollments", ref, program, code, _d(day), "", "")
                break
            outcome = "graduated" if rng.random() < 0.86 else "discontinued"
            w.row("enrollments", ref, program, code, _d(day), _d(end), outcome)
            if program in ("START", "UNIV") and outcome == "graduated":
                graduated_on = end
            day = end
        else:
            if day == start:
                w.row("enrollments", ref, "REM", code, _d(start), "", "")
        alive = True
        for year in range(start.year, min(start.year + rng.randrange(2, 8), LAST.year) + 1):
            if alive and rng.random() < 0.9:
                direct = rng.randrange(1, 25)
                w.row("headcounts", ref, f"{year}-12-31", direct, direct // 3)
            if alive and rng.random() < 0.5:
                w.row("satisfaction", ref, f"{year}-{rng.randrange(1, 13):02d}-15",
                      rng.choice((2, 3, 4, 4, 5, 5, 5)), "")  # fmt: skip
        if graduated_on:
            seen = graduated_on + dt.timedelta(days=200)
            for _k in range(rng.randrange(0, 4)):
                if seen > LAST:
                    break
                status = "closed" if rng.random() < 0.1 else "active"
                w.row("followups", ref, _d(seen), status)
                if status == "closed":
                    break
                seen += dt.timedelta(days=365)
        if rng.random() < 0.12:
            for year in range(start.year, min(start.year + 3, LAST.year) + 1):
                for country in rng.sample(COUNTRIES, rng.randrange(1, 3)):
                    w.row("exports", ref, year, country, f"{rng.randrange(10, 900) * 1000}.00")
        if rng.random() < 0.2:
            got = start + dt.timedelta(days=rng.randrange(30, 500))
            if got <= LAST:
                w.row("fundings", ref, _d(got), "Innov Idea", "grant", "150000.00")
        if rng.random() < 0.01:
            w.row("patents", ref, _d(start + dt.timedelta(days=400)), "OMPIC", f"Brevet {i}", "")

    # Offices let back to back to startups of their site.
    by_site: dict[str, list[tuple[dt.date, str]]] = {}
    for ref, (code, start) in starts.items():
        by_site.setdefault(code, []).append((start, ref))
    for code, _name, _city, _region, opened, share in SITES:
        pool = sorted(by_site.get(code, []))
        offices = max(5, int(n * share / 10))
        for s in range(offices):
            w.row("spaces", code, f"B{s:05d}", "office", rng.randrange(12, 69), 4, "true")
        for s in range(5):
            w.row("spaces", code, f"SR{s}", "meeting_room", 30, 12, "false")
        cursor = 0
        for s in range(offices):
            day = dt.date.fromisoformat(opened) + dt.timedelta(days=rng.randrange(0, 365))
            while day <= LAST and cursor < len(pool):
                end = day + dt.timedelta(days=rng.randrange(300, 1800))
                ref = pool[(cursor * 7919) % len(pool)][1]
                cursor += 1
                ends = _d(end) if end <= LAST else ""
                w.row("leases", code, f"B{s:05d}", ref, _d(day), ends, "", "1000.00")
                day = end
    for g in range(max(2, n // 500)):
        members = rng.sample(list(starts), 3)
        day = max(starts[m][1] for m in members)
        w.row("groupings", f"G{g:05d}", "gie" if g % 4 else "merger", f"Groupement {g}", _d(day),
              ";".join(members))  # fmt: skip
    return w.close()
