"""Write the reference parts of docs/interchange.md and docs/figures.md from the code.

The column lists come from `technopark/interchange/tables.py` (what the importer and the
exporter read) and the figures from `technopark/impact/definitions.py` (what the bilan
pages and the methodology page show), so the documents cannot drift from the program.
`technopark/core/tests/test_docs.py` fails when a document is out of date:

    .venv/bin/python tools/write_docs.py          # rewrite the generated parts
    .venv/bin/python tools/write_docs.py --check  # exit 1 when they are stale
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEGIN = "<!-- generated: do not edit below; tools/write_docs.py -->"
END = "<!-- end of generated part -->"

KINDS = {
    "text": "text",
    "code": "a code: letters, digits and `-`",
    "ref": "an id: letters, digits, `.`, `_` and `-`",
    "date": "a date",
    "decimal": "a number",
    "amount": "an amount in MAD",
    "area": "an area in m², above zero",
    "int": "a whole number, zero or more",
    "bool": "yes or no",
    "choice": "one of the listed values",
    "year": "a year, four digits",
    "region": "a region code (MA-01 … MA-12)",
    "ice": "an ICE: exactly 15 digits",
    "email": "an e-mail address",
    "url": "a web address",
    "country": "a country code (ISO 3166-1 alpha-2), not MA",
    "planned": "a date or a year",
    "members": "two or more startup ids",
}


def interchange_reference() -> str:
    from technopark.interchange.tables import HISTORY, TABLES

    lines: list[str] = []
    for table in (*TABLES, *HISTORY):
        must = "must be present" if table.required else "optional"
        if table in HISTORY:
            must = "optional, history: imported once, never updated"
        lines += ["", f"### `{table.name}` ({must}; key: {', '.join(table.key)})", ""]
        lines += ["| column | needed | value |", "|---|---|---|"]
        for column in table.columns:
            needed = "key" if column.key else ("required" if column.required else "")
            value = KINDS[column.kind]
            if column.choices:
                value += ": " + ", ".join(f"`{c}`" for c in column.choices)
            if column.max_length:
                value += f" (at most {column.max_length} characters)"
            lines.append(f"| `{column.name}` | {needed} | {value} |")
    return "\n".join(lines).lstrip("\n") + "\n\n" + words_reference()


def words_reference() -> str:
    """The wordings a workbook as a park keeps it may use (interchange/vocabulary.py)."""
    from technopark.interchange.tables import TABLES_BY_NAME
    from technopark.interchange.vocabulary import CHOICE_WORDS, YES_NO, words_understood

    lines = [
        "## Words understood in a workbook as the park keeps it",
        "",
        "Written from `technopark/interchange/vocabulary.py`. Compared without accents, case",
        "or punctuation, and matched approximately (`rapidfuzz`) with how sure the match is.",
        "Region names: the French, Arabic and English names of the regions above and their",
        "first part (Rabat, Casablanca); countries: their names in French, Arabic and English",
        "(CLDR, through `babel`) or their ISO code.",
        "",
        "| table | column | headers or sheet names understood |",
        "|---|---|---|",
    ]
    for table, column, words in words_understood():
        shown = " · ".join(words) if words else "—"
        lines.append(f"| `{table}` | {f'`{column}`' if column else '(sheet)'} | {shown} |")
    lines += ["", "| value | written as |", "|---|---|"]
    codes = {c for t in TABLES_BY_NAME.values() for col in t.columns for c in col.choices}
    for code, words in CHOICE_WORDS.items():
        if code in codes:
            lines.append(f"| `{code}` | {' · '.join(words)} |")
    for flag, words in YES_NO.items():
        lines.append(f"| `{str(flag).lower()}` | {' · '.join(words)} |")
    return "\n".join(lines)


def figures_reference() -> str:
    from django.utils import translation

    from technopark.impact.definitions import FIGURES, GROUPS

    units = {"count": "a count", "m2": "m²", "rate": "a rate, 0 to 1", "mad": "MAD"}
    lines: list[str] = []
    with translation.override("en"):
        for group, title in GROUPS.items():
            lines += ["", f"### {title}", ""]
            for figure in [f for f in FIGURES if f.group == group]:
                star = " (headline)" if figure.headline else ""
                lines += [
                    f"- **{figure.label}** — `{figure.key}`, {units[figure.unit]}{star}.",
                    f"  {figure.definition}",
                    f"  *When:* {figure.window} *Limits:* {figure.limits}",
                ]
    return "\n".join(lines).lstrip("\n")


DOCS = {"docs/interchange.md": interchange_reference, "docs/figures.md": figures_reference}


def rendered(path: str) -> tuple[str, str]:
    """(current text, text with the generated part rewritten)."""
    text = (ROOT / path).read_text(encoding="utf-8")
    head, sep, _rest = text.partition(BEGIN)
    assert sep, f"{path}: no generated-part marker"
    return text, f"{head}{BEGIN}\n\n{DOCS[path]()}\n\n{END}\n"


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technopark.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    stale = []
    for path in DOCS:
        current, wanted = rendered(path)
        if current != wanted:
            stale.append(path)
            if "--check" not in argv:
                (ROOT / path).write_text(wanted, encoding="utf-8")
    if stale and "--check" in argv:
        print("out of date (run tools/write_docs.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
