"""Workbooks as the network's parks keep them, written with openpyxl for the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


STARTUP_HEADER = [
    "Référence",
    "Nom de la startup",
    "Date de création",
    "Secteur",
    "Région",
    "Forme juridique",
    "N° ICE",
    "Observations",
]


def park_startups(path: Path, rows: list[list] | None = None) -> Path:
    """A "Startups" sheet with a title and a blank line above its French header."""
    rows = rows or [
        ["CASA-001", "Atlas Tech", "15/03/21", "Fintech", "Rabat-Salé-Kénitra", "SARL AU",
         "001 234 567 890 123", "Très prometteuse"],
        ["CASA-002", "Argan Data", dt.datetime(2019, 6, 1), "Agritech", "الدار البيضاء سطات",
         "Société anonyme", None, ""],
        ["CASA-003", "Souss Food", "1/9/2020", "Agroalimentaire", "casablanca-settat", "sarl",
         None, None],
    ]  # fmt: skip
    return workbook(
        path,
        {
            "Startups 2023": [
                ["Portefeuille des startups — Technopark Casablanca"],
                [],
                STARTUP_HEADER,
                *rows,
            ]
        },
    )
