"""Fill .po files from a translations table, and report what is still untranslated.

    python tools/po_fill.py tools/translations/*.tsv       # fill every technopark .po
    python tools/po_fill.py --check                         # list untranslated entries

A table is a TSV file: msgid <TAB> French <TAB> Arabic, one entry per line, with "\\n"
for new lines; a plural entry is written "singular||plural" in each column. English
entries are the msgids themselves (the code's strings are in English).

A contextual entry (`pgettext("invoice", "Number")`, `{% translate "Number" context
"invoice" %}`) is a line of four columns: msgctxt <TAB> msgid <TAB> French <TAB> Arabic
(its key is "msgctxt\x04msgid", as gettext keys it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "technopark"


def load(paths: list[str]) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) not in (3, 4):
                raise SystemExit(f"{path}:{number}: expected 3 or 4 columns, found {len(parts)}")
            parts = [part.replace("\\n", "\n") for part in parts]
            if len(parts) == 4:
                context, msgid, fr, ar = parts
                msgid = f"{context}\x04{msgid}"
            else:
                msgid, fr, ar = parts
            table[msgid] = {"fr": fr, "ar": ar}
    return table


def po_files():
    yield from sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django*.po"))


def fill(table: dict[str, dict[str, str]]) -> None:
    for path in po_files():
        lang = path.parent.parent.name
        po = polib.pofile(str(path))
        changed = False
        for entry in po:
            if entry.obsolete:
                continue
            source = entry.msgid + ("||" + entry.msgid_plural if entry.msgid_plural else "")
            key = f"{entry.msgctxt}\x04{source}" if entry.msgctxt else source
            text = source if lang == "en" else table.get(key, {}).get(lang)
            if not text:
                continue
            if entry.msgid_plural:
                forms = text.split("||")
                count = 6 if lang == "ar" else 2
                forms = (forms + [forms[-1]] * count)[:count]
                if lang == "ar" and len(text.split("||")) == 2:
                    one, many = text.split("||")
                    forms = [many, one, many, many, many, many]
                new = {i: form for i, form in enumerate(forms)}
                if entry.msgstr_plural != new or "fuzzy" in entry.flags:
                    entry.msgstr_plural = new
                    changed = True
            elif entry.msgstr != text or "fuzzy" in entry.flags:
                entry.msgstr = text
                changed = True
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        if changed:
            po.save()
            po.save_as_mofile(str(path.with_suffix(".mo")))
        elif not path.with_suffix(".mo").exists():
            po.save_as_mofile(str(path.with_suffix(".mo")))


def check() -> int:
    missing = 0
    for path in po_files():
        po = polib.pofile(str(path))
        todo = [e for e in po.untranslated_entries() + po.fuzzy_entries() if not e.obsolete]
        for entry in todo:
            print(f"{path.relative_to(ROOT)}\t{entry.msgid!r}")
        missing += len(todo)
    print(f"{missing} untranslated entries", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        raise SystemExit(check())
    fill(load(sys.argv[1:]))
