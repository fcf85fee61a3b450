"""Which continent each country (ISO 3166-1 alpha-2) is on, for `export_continents`.

Six continents after the UN geoscheme's continental regions: AF Africa, EU Europe, AS Asia
(with the Middle East), NA North America (with Central America and the Caribbean), SA South
America, OC Oceania. A country spanning two takes the continent of its capital: Russia
(Moscow) EU, Turkey (Ankara) AS, Egypt (Cairo) AF, Kazakhstan (Astana) AS, Azerbaijan and
Georgia AS, Indonesia AS, Panama NA; Cyprus, Armenia and Georgia are Western Asia.
Antarctica (AQ) is on none of the six and is not counted.
"""

from __future__ import annotations

_BY_CONTINENT = {
    "AF": """DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS
        LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG
        EH ZM ZW IO TF""",
    "EU": """AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE LV LI
        LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB AX""",
    "AS": """AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV
        MN MM NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE""",
    "NA": """AI AG AW BS BB BZ BM BQ VG CA KY CR CU CW DM DO SV GL GD GP GT HT HN JM MQ MX MS
        NI PA PR BL KN LC MF PM VC SX TT TC US VI""",
    "SA": "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    "OC": """AS AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM
        VU WF""",
}

CONTINENT_OF: dict[str, str] = {
    code: continent for continent, codes in _BY_CONTINENT.items() for code in codes.split()
}
NO_CONTINENT = frozenset({"AQ"})


def continent_of(country: str) -> str | None:
    return CONTINENT_OF.get((country or "").strip().upper())
