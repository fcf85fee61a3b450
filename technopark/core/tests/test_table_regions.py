"""A table that may scroll sideways sits in a region a keyboard can reach (tabindex) and a
screen reader announces by what it holds, not by a generic "table, scrolls sideways"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(ROOT.glob("*/templates/**/*.html"))
OPENING = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-responsive\b[^>]*>")


def regions() -> list[tuple[str, str]]:
    found = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in OPENING.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{path.relative_to(ROOT)}:{line}", match.group(0)))
    return found


def test_the_search_finds_the_regions():
    assert len(regions()) > 40


@pytest.mark.parametrize("where, tag", regions(), ids=[where for where, _tag in regions()])
def test_each_scrolling_table_is_a_named_focusable_region(where, tag):
    assert 'tabindex="0"' in tag, "a keyboard cannot reach it"
    assert 'role="region"' in tag, "a screen reader does not announce it as a region"
    assert "aria-label" in tag, "the region has no name"
    assert "Table, scrolls sideways" not in tag, "named generically, not after what it holds"
