"""A translation the catalogues will hold once the lead compiles them, given to a test now.

A contextual msgid ("invoice\\x04Number") is new in the code before it is in the compiled
catalogues; `translated(...)` puts it in the active French or Arabic catalogue for the test's
length, so a test can prove the page asks for the contextual msgid (without the fix it
shows the old, wrong translation of the bare msgid)."""

from __future__ import annotations

from contextlib import contextmanager

from django.utils.translation import trans_real


@contextmanager
def translated(language: str, entries: dict[tuple[str, str], str]):
    """`entries` maps (context, msgid) to the translation to see in `language`."""
    catalog = trans_real.translation(language)._catalog
    first = catalog._catalogs[0]
    saved = {}
    for (context, msgid), text in entries.items():
        key = f"{context}\x04{msgid}"
        saved[key] = first.get(key)
        first[key] = text
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                first.pop(key, None)
            else:
                first[key] = old
