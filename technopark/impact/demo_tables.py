"""The demo network's fixed tables: operators, sites, programs, funds, names.

Used by `technopark/house/demo_network.py`; kept apart so the generator reads top to bottom.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from decimal import Decimal

MITC_LEGAL = {
    "ice": "001525874000061",
    "tax_id": "1065942",
    "rc": "126041",
    "rc_court": "Casablanca",
    "tp": "35730471",
    "address": "Technopark, route de Nouaceur, angle RS 114 et CT 1029, 20150 Casablanca",
    "website": "https://www.technopark.ma",
    "description": "Société anonyme publique-privée qui développe et exploite les technoparks.",
}

# slug, name, kind, city, region, legal mentions
OPERATORS = [
    (
        "mitc",
        "MITC — Moroccan Information Technopark Company",
        "network",
        "Casablanca",
        "MA-06",
        MITC_LEGAL,
    ),
    (
        "uiz",
        "Université Ibn Zohr",
        "university",
        "Agadir",
        "MA-09",
        {"website": "https://www.uiz.ac.ma"},
    ),
    (
        "uh2c",
        "Université Hassan II de Casablanca — Incubateur",
        "university",
        "Casablanca",
        "MA-06",
        {},
    ),
    ("um5", "Université Mohammed V de Rabat — Incubateur", "university", "Rabat", "MA-04", {}),
    ("uae", "Université Abdelmalek Essaâdi — Incubateur", "university", "Tétouan", "MA-01", {}),
    (
        "rem",
        "Réseau Entreprendre Maroc",
        "association",
        "Casablanca",
        "MA-06",
        {"website": "https://www.reseau-entreprendre.org"},
    ),
    ("open-innov", "Club Open Innovation Maroc", "corporate", "Casablanca", "MA-06", {}),
]

# code, name, city, region, opened_on, planned_opening, leasable offices, operator, lat, lon
SITES = [
    (
        "CASA",
        "Technopark Casablanca",
        "Casablanca",
        "MA-06",
        dt.date(2001, 10, 1),
        "",
        190,
        "mitc",
        Decimal("33.54530"),
        Decimal("-7.63880"),
    ),
    (
        "RABAT",
        "Technopark Rabat",
        "Rabat",
        "MA-04",
        dt.date(2012, 5, 2),
        "",
        95,
        "mitc",
        Decimal("34.00900"),
        Decimal("-6.85500"),
    ),
    (
        "TANGER",
        "Technopark Tanger",
        "Tanger",
        "MA-01",
        dt.date(2015, 3, 16),
        "",
        70,
        "mitc",
        Decimal("35.75950"),
        Decimal("-5.83400"),
    ),
    (
        "AGA-CISM",
        "Cité de l'Innovation Souss-Massa",
        "Agadir",
        "MA-09",
        dt.date(2018, 10, 1),
        "",
        45,
        "uiz",
        Decimal("30.40600"),
        Decimal("-9.54700"),
    ),
    (
        "AGA-TP",
        "Technopark Agadir",
        "Agadir",
        "MA-09",
        dt.date(2021, 2, 15),
        "",
        55,
        "mitc",
        Decimal("30.42780"),
        Decimal("-9.59810"),
    ),
    (
        "FES",
        "Technopark Fès",
        "Fès",
        "MA-03",
        None,
        "2027",
        0,
        "mitc",
        Decimal("34.03310"),
        Decimal("-5.00030"),
    ),
    (
        "OUJDA",
        "Technopark Oujda",
        "Oujda",
        "MA-02",
        None,
        "2027",
        0,
        "mitc",
        Decimal("34.68140"),
        Decimal("-1.90860"),
    ),
    (
        "TIZNIT",
        "Technopark Tiznit",
        "Tiznit",
        "MA-09",
        None,
        "2028",
        0,
        "mitc",
        Decimal("29.69740"),
        Decimal("-9.73160"),
    ),
]
OPEN_SITES = ["CASA", "RABAT", "TANGER", "AGA-CISM", "AGA-TP"]

# code, name, kind, operator, direct, sites
PROGRAMS = [
    ("BOOST-UP-LAB", "BOOST UP LAB — pré-incubation", "pre_incubation", "mitc", True, OPEN_SITES),
    ("START", "START — incubation", "incubation", "mitc", True, OPEN_SITES),
    ("DEVELOP", "DEVELOP — développement", "other", "mitc", True, OPEN_SITES),
    ("ACCELERATE", "ACCELERATE — accélération", "acceleration", "mitc", True, OPEN_SITES),
    ("E-TECHNOPARK", "E-Technopark — accompagnement à distance", "other", "mitc", True, OPEN_SITES),
    ("UH2C-INCUB", "Incubateur de l'Université Hassan II", "incubation", "uh2c", False, ["CASA"]),
    ("UM5-INCUB", "Incubateur de l'Université Mohammed V", "incubation", "um5", False, ["RABAT"]),
    (
        "UAE-INCUB",
        "Incubateur de l'Université Abdelmalek Essaâdi",
        "incubation",
        "uae",
        False,
        ["TANGER"],
    ),
    (
        "UIZ-INCUB",
        "Incubateur de l'Université Ibn Zohr",
        "incubation",
        "uiz",
        False,
        ["AGA-CISM", "AGA-TP"],
    ),
    (
        "REM-LAUREATS",
        "Réseau Entreprendre — accompagnement des lauréats",
        "other",
        "rem",
        False,
        OPEN_SITES,
    ),
    (
        "OPEN-INNOV",
        "Open innovation avec les grands comptes",
        "acceleration",
        "open-innov",
        False,
        ["CASA", "RABAT", "TANGER"],
    ),
]

# What accompaniment cost each site in 2022 (MAD): 33.5 MDH for the five sites.
BUDGETS_2022 = {
    "CASA": 12_400_000,
    "RABAT": 7_100_000,
    "TANGER": 5_900_000,
    "AGA-CISM": 3_700_000,
    "AGA-TP": 4_400_000,
}

# Export destinations, on four continents; the last two only appear in recent years.
COUNTRIES = [
    "FR",
    "FR",
    "ES",
    "BE",
    "DE",
    "NL",
    "IT",
    "GB",
    "CH",
    "PT",
    "SN",
    "CI",
    "TN",
    "MR",
    "CM",
    "GA",
    "ML",
    "NG",
    "EG",
    "AE",
    "SA",
    "QA",
    "TR",
    "US",
    "CA",
    "BR",
    "AU",
]

# source, kind, low, high (MAD)
FUNDS = [
    ("Innov Idea", "grant", 50_000, 200_000),
    ("Innov Start", "loan", 100_000, 500_000),
    ("Intelaka", "loan", 50_000, 1_200_000),
    ("Forsa", "loan", 30_000, 100_000),
    ("Réseau Entreprendre — prêt d'honneur", "loan", 100_000, 250_000),
    ("Maroc Numeric Fund", "equity", 1_000_000, 5_000_000),
    ("Prix de l'innovation", "prize", 20_000, 100_000),
]
FUND_WEIGHTS = [30, 25, 20, 15, 12, 2, 6]

SECTORS = [
    ("Technologies de l'information", 40),
    ("Fintech", 8),
    ("Green tech et énergie", 14),
    ("Industries culturelles et créatives", 10),
    ("E-commerce", 7),
    ("Edtech", 6),
    ("Healthtech", 6),
    ("Agritech", 6),
    ("Logistique et mobilité", 3),
]

_PREFIXES = [
    "Atlas",
    "Argan",
    "Sahara",
    "Maghreb",
    "Tafilalt",
    "Souss",
    "Zellige",
    "Nour",
    "Amal",
    "Baraka",
    "Oasis",
    "Rif",
    "Toubkal",
    "Ifrane",
    "Kasbah",
    "Medina",
    "Anfa",
    "Bouregreg",
    "Cèdre",
    "Safran",
    "Majorelle",
    "Tamazgha",
    "Noria",
    "Tiznit",
    "Draa",
    "Mogador",
    "Yasmine",
    "Ziz",
    "Assif",
    "Tinmel",
    "Dakhla",
    "Chaouia",
    "Oum",
    "Tadla",
    "Tassili",
    "Agadir",
    "Menara",
    "Lixus",
    "Volubilis",
    "Imlil",
    "Ouarzazate",
    "Smara",
    "Tanit",
    "Sebou",
    "Azur",
    "Ksar",
    "Amazigh",
    "Doukkala",
    "Zagora",
    "Chefchaouen",
]
_CORES = [
    "",
    "",
    "",
    "Smart",
    "Data",
    "Cloud",
    "Green",
    "Digi",
    "Agri",
    "Pay",
    "Edu",
    "Med",
    "Solar",
    "Net",
    "Geo",
    "Bio",
    "Logi",
    "Cyber",
]
_SUFFIXES = [
    "Tech",
    "Soft",
    "Digital",
    "Solutions",
    "Labs",
    "Systems",
    "Innov",
    "Consulting",
    "Services",
    "Énergie",
    "Conseil",
    "Informatique",
    "Studio",
    "Analytics",
    "Connect",
    "Works",
    "Mobile",
    "Robotics",
    "Design",
    "Academy",
]
_QUALIFIERS = ["Maroc", "Africa", "Group", "& Co", "Partners", "International", "MENA"]
_CITIES = {
    "CASA": "Casablanca",
    "RABAT": "Rabat",
    "TANGER": "Tanger",
    "AGA-CISM": "Agadir",
    "AGA-TP": "Agadir",
}
_ELSEWHERE = [
    ("Marrakech", "MA-07"),
    ("Fès", "MA-03"),
    ("Kénitra", "MA-04"),
    ("Mohammedia", "MA-06"),
    ("Tétouan", "MA-01"),
    ("Oujda", "MA-02"),
    ("Meknès", "MA-03"),
    ("El Jadida", "MA-06"),
    ("Béni Mellal", "MA-05"),
    ("Laâyoune", "MA-11"),
]
_LEGAL_FORMS = [
    ("SARL", 52),
    ("SARL_AU", 27),
    ("SA", 4),
    ("SAS", 6),
    ("AUTO_ENTREPRENEUR", 8),
    ("COOPERATIVE", 3),
]


def legal_form(rng: random.Random) -> str:
    return rng.choices(*zip(*_LEGAL_FORMS, strict=True))[0]


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_name.lower() if c.isalnum())[:30]


def ice_for(n: int) -> str:
    """A 15-digit ICE: 9 for the firm, 4 for the establishment, 2 control digits."""
    firm = 1_500_000 + n * 37
    body = f"{firm:09d}0000"
    return f"{body}{int(body) % 97:02d}"


_RC_COURTS = {c: c for c in ("Rabat", "Tanger", "Agadir", "Casablanca", "Marrakech", "Fès")}


def startup_identity(rng: random.Random, names: set[str], n: int, site, first: dt.date) -> dict:
    while True:
        name = f"{rng.choice(_PREFIXES)} {rng.choice(_CORES)}{rng.choice(_SUFFIXES)}"
        if name in names:
            name = f"{name} {rng.choice(_QUALIFIERS)}"
        if name not in names:
            break
    names.add(name)
    if rng.random() < 0.82:
        city, region = _CITIES[site.code], site.region_id
    else:
        city, region = rng.choice(_ELSEWHERE)
    slug = _slug(name)
    founded = first - dt.timedelta(days=rng.randrange(-120, 900))
    # Every company has an ICE (its invoices must carry it). This draw once left a few
    # without one; it is kept so the rest of the demo network stays the same.
    rng.random()
    return {
        "ref": f"TP-{n:05d}",
        "name": name,
        "ice": ice_for(n),
        "tax_id": f"{50_000_000 + n * 13:08d}",
        "rc": f"{400_000 + n * 7}",
        "rc_court": _RC_COURTS.get(city, "Casablanca"),
        "address": f"Technopark, bureau {n % 400 + 1}, {city}",
        "billing_email": f"comptabilite@{slug}.ma",
        "founded_on": founded,
        "city": city,
        "region_id": region,
        "email": f"contact@{slug}.ma",
        "website": f"https://www.{slug}.ma" if rng.random() < 0.6 else "",
        "public": rng.random() < 0.7,
        "description": f"{name} — jeune entreprise accompagnée par le réseau des technoparks.",
    }
