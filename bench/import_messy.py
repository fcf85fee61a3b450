"""A workbook of 10,000 startups as a park keeps it, against the same in the interchange
format: the time of each import, and their ratio (the target is at most 2×).

    TECHNOPARK_VAR_DIR=/tmp/bench .venv/bin/python bench/import_messy.py [--startups N]

The messy workbook has a title and a blank line above a French header, columns in another
order, an extra column, dates typed dd/mm/yy and d/m/yyyy, region names in French and
Arabic, legal forms in words and ICEs with spaces; the clean one has the sheets and columns
of the interchange format. Both are imported (really, not a dry run) into an empty
database that holds the network's sites and programs; the database is emptied between the
two runs. The database must be migrated.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
REGIONS_FR = ["Rabat-Salé-Kénitra", "الدار البيضاء سطات", "Souss-Massa", "Fès-Meknès"]
REGIONS_CODE = ["MA-04", "MA-06", "MA-09", "MA-03"]
FORMS = [("SARL AU", "SARL_AU"), ("Société anonyme", "SA"), ("sarl", "SARL")]


def _books(folder: Path, n: int) -> tuple[Path, Path]:
    import openpyxl

    messy, clean = openpyxl.Workbook(write_only=True), openpyxl.Workbook(write_only=True)
    m = messy.create_sheet("Portefeuille startups")
    c = clean.create_sheet("startups")
    m.append(["Technopark — portefeuille au 31/12/2025"])
    m.append([])
    m.append(["Nom de la startup", "Référence", "Région", "Date de création", "Secteur",
              "Forme juridique", "N° ICE", "Observations"])  # fmt: skip
    c.append(["id", "name", "region", "founded_on", "sector", "legal_form", "ice"])
    for i in range(n):
        ice = f"{i:015d}"
        day, month, year = 1 + i % 28, 1 + i % 12, 2000 + i % 25
        typed = f"{day:02d}/{month:02d}/{year % 100:02d}" if i % 2 else f"{day}/{month}/{year}"
        form = FORMS[i % 3]
        m.append([f"Startup {i}", f"S-{i}", REGIONS_FR[i % 4], typed, "Fintech", form[0],
                  f"{ice[:3]} {ice[3:6]} {ice[6:9]} {ice[9:12]} {ice[12:]}", "RAS"])  # fmt: skip
        c.append([f"S-{i}", f"Startup {i}", REGIONS_CODE[i % 4],
                  f"{year}-{month:02d}-{day:02d}", "Fintech", form[1], ice])  # fmt: skip
    paths = folder / "messy.xlsx", folder / "clean.xlsx"
    messy.save(paths[0])
    clean.save(paths[1])
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--startups", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
    import django

    django.setup()
    from technopark.interchange.importer import import_path
    from technopark.startups.models import Startup

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = folder / "base"
        base.mkdir()
        (base / "sites.csv").write_text("code,name,city,region\nCASA,Casa,Casablanca,MA-06\n")
        (base / "programs.csv").write_text("code,name,kind,direct\nINC,Incubation,incubation,1\n")
        (base / "startups.csv").write_text("id,name\n")
        assert import_path(base).ok
        messy, clean = _books(folder, args.startups)
        times = {}
        for label, path, guess in (("interchange", clean, False), ("messy", messy, True)):
            Startup.objects.all().delete()
            started = time.monotonic()
            report = import_path(path, guess=guess)
            times[label] = time.monotonic() - started
            assert report.ok, report.errors[:5]
            assert report.counts["startups"].created == args.startups
        Startup.objects.all().delete()
    print(f"startups: {args.startups}")
    print(f"interchange format: {times['interchange']:.2f} s")
    print(f"messy workbook:     {times['messy']:.2f} s")
    print(f"ratio:              {times['messy'] / times['interchange']:.2f}")


if __name__ == "__main__":
    main()
