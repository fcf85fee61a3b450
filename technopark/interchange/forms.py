"""The upload page's mapping and grid: what the person chose, read from the form.

The form shows the proposed mapping (`report.mapping`): per sheet a table, per column a
field of that table or "kept aside", per value written in words its code; and the rows in
error (`report.grid`), one input per cell. Submitting it confirms the whole mapping
(every choice shown becomes certain, 100) and keeps the cells the person changed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from technopark.core.errors import DomainError
from technopark.interchange.guess import CONFIDENT
from technopark.interchange.tables import SHEET_TABLES_BY_NAME as TABLES_BY_NAME
from technopark.interchange.vocabulary import value_words
from technopark.network.regions import REGIONS


def value_options(table: str, field: str) -> list[tuple[str, str]]:
    """The codes a value of a column may stand for, with what a person reads."""
    column = TABLES_BY_NAME[table].column(field)
    if column.kind == "choice":
        return [(c, c) for c in column.choices]
    if column.kind == "region":
        return [(code, f"{code} · {fr}") for code, fr, *_rest in REGIONS]
    if column.kind == "bool":
        return [("true", _("yes")), ("false", _("no"))]
    return []  # a country: its two-letter code, typed


def mapping_from_post(proposed: dict, post) -> dict:
    """The mapping the person confirmed; raises DomainError for a choice not offered."""
    sheets = []
    for i, sheet in enumerate(proposed.get("sheets", [])):
        table = post.get(f"table:{i}", sheet.get("table") or "") or None
        if table is not None and table not in TABLES_BY_NAME:
            raise DomainError(_("Choose a table from the list."), code="bad_table")
        entry = {
            "sheet": sheet["sheet"],
            "table": table,
            "score": 100,
            "header_row": sheet.get("header_row", 0),
            "columns": [],
            "values": {},
        }
        if table is not None and table != sheet.get("table"):
            sheets.append(entry)  # another table: its columns are matched again
            continue
        names = TABLES_BY_NAME[table].names if table else ()
        for j, column in enumerate(sheet.get("columns", [])):
            sure = column.get("field") if column.get("score", 0) >= CONFIDENT else ""
            field = post.get(f"col:{i}:{j}", sure or "") or None
            if field is not None and field not in names:
                raise DomainError(_("Choose a column from the list."), code="bad_column")
            entry["columns"].append({"header": column["header"], "field": field, "score": 100})
        for field, found in (sheet.get("values") or {}).items():
            if field not in names:
                continue
            words = value_words(TABLES_BY_NAME[table], TABLES_BY_NAME[table].column(field))
            codes = set(words.values())
            chosen = {}
            for k, (raw, value) in enumerate(found.items()):
                sure = value.get("code") if value.get("score", 0) >= CONFIDENT else ""
                code = post.get(f"val:{i}:{field}:{k}", sure or "").strip()
                if TABLES_BY_NAME[table].column(field).kind == "country":
                    code = code.upper()
                if code and code not in codes:
                    raise DomainError(
                        _("“%(code)s” is not a value of %(column)s.")
                        % {"code": code, "column": field},
                        code="bad_value",
                    )
                chosen[raw] = {"code": code or None, "score": 100 if code else 0}
            entry["values"][field] = chosen
        sheets.append(entry)
    return {"version": proposed.get("version", 1), "sheets": sheets}


def corrections_from_post(grid: list[dict], post, existing: dict) -> dict:
    """The cells of the grid the person changed, added to those fixed before."""
    corrections = {sheet: dict(lines) for sheet, lines in (existing or {}).items()}
    for i, sheet in enumerate(grid):
        for row in sheet.get("rows", []):
            for j, column in enumerate(sheet.get("columns", [])):
                name = f"fix:{i}:{row['line']}:{j}"
                if name not in post:
                    continue
                value = post.get(name, "").strip()
                if value == row["cells"][j]:
                    continue
                if len(value) > 1000:
                    raise DomainError(_("A cell holds at most 1,000 characters."), code="too_long")
                line = corrections.setdefault(sheet["sheet"], {}).setdefault(str(row["line"]), {})
                line[str(column["index"])] = value
    return corrections
