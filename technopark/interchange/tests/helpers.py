"""Small uploads written on the fly: a base network, with tables replaced per test."""

from __future__ import annotations

from pathlib import Path

BASE = {
    "sites": "code,name,city,region,operator,opened_on\n"
    "CASA,Technopark Casablanca,Casablanca,MA-06,MITC,2001-10-01\n",
    "spaces": "site,code,kind,area_m2,seats,leasable\n"
    "CASA,B1,office,20.5,4,true\n"
    "CASA,B2,office,30,4,false\n",
    "startups": "id,name,ice\nS1,Atlas Tech,001234567890123\nS2,Argan Data,\nS3,Souss Food,\n",
    "programs": "code,name,kind,operator,direct\n"
    "INC,Incubation,incubation,MITC,true\n"
    "PART,Incubation partenaire,incubation,Réseau partenaire,false\n",
}


def write(folder: Path, bom: bool = False, **tables: str | None) -> Path:
    """Write BASE with `tables` replacing (or, when None, removing) some tables."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    for name, text in {**BASE, **tables}.items():
        if text is not None:
            data = text.encode("utf-8")
            (folder / f"{name}.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return folder


def where(report) -> set[tuple[str, int, str]]:
    return {(e.table, e.line, e.column) for e in report.errors}
