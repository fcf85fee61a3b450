"""docs/notifications.md is the list of every message the platform sends: one row per kind,
with who receives it and whether it is mandatory, as the code declares them."""

from __future__ import annotations

import re
from pathlib import Path

from technopark.notifications import kinds

DOC = Path(__file__).resolve().parents[3] / "docs" / "notifications.md"
ROW = re.compile(r"^\| `(?P<code>[a-z_]+\.[a-z_]+)` \| (?P<who>[^|]+) \| (?P<mandatory>yes|no) \|$")


def _documented() -> dict[str, str]:
    rows = (ROW.match(line) for line in DOC.read_text(encoding="utf-8").splitlines())
    return {m["code"]: m["mandatory"] for m in rows if m}


def test_every_kind_is_documented_with_whether_it_is_mandatory():
    kinds.autodiscover()
    declared = {k.code: "yes" if k.mandatory else "no" for k in kinds.all_kinds()}
    documented = _documented()
    assert len(declared) > 40
    assert sorted(set(declared) - set(documented)) == [], "kinds missing from the doc"
    assert sorted(set(documented) - set(declared)) == [], "the doc names kinds that do not exist"
    wrong = {
        code: (documented[code], flag)
        for code, flag in declared.items()
        if documented[code] != flag
    }
    assert wrong == {}, "mandatory in the code but not in the doc (or the reverse)"
