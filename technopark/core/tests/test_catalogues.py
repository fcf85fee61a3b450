"""The translation catalogues are complete and current: every string the code and templates
show is in each app's catalogue, translated into French and Arabic, and compiled.

A page, an e-mail or a PDF shows English to a French or Arabic reader when a string was
added after `make messages` last ran, when it has no translation, or when the .mo file
is older than the .po: each of these fails here, before a person sees it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django*.po"))


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _msgids(path: Path) -> set[tuple[str, str, str]]:
    return {_key(e) for e in polib.pofile(str(path)) if not e.obsolete and e.msgid}


def test_the_catalogues_are_found():
    assert len(CATALOGUES) >= 3 * 15


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """`makemessages` run afresh on a copy of the package, as `make messages` does."""
    copy = tmp_path_factory.mktemp("catalogues") / "technopark"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "media")
    )
    command = [sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-obsolete"]
    command += ["--ignore=tests", "--ignore=*/tests/*"]
    for domain in ("django", "djangojs"):
        subprocess.run(
            [*command, "-d", domain],
            cwd=copy,
            check=True,
            capture_output=True,
            env={"DJANGO_SETTINGS_MODULE": "technopark.settings", "PATH": "/usr/bin:/bin"},
        )
    return copy


@pytest.mark.parametrize(
    "catalogue",
    [p for p in CATALOGUES if p.parent.parent.name == "fr"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_string_of_the_code_is_in_the_catalogue(extracted, catalogue):
    fresh = extracted / catalogue.relative_to(ROOT)
    missing = sorted(_msgids(fresh) - _msgids(catalogue))
    stale = sorted(_msgids(catalogue) - _msgids(fresh))
    assert not missing, f"run `make messages`: {len(missing)} strings not extracted, {missing[:5]}"
    assert not stale, f"run `make messages`: {len(stale)} strings no longer used, {stale[:5]}"


@pytest.mark.parametrize(
    "catalogue",
    [p for p in CATALOGUES if p.parent.parent.name in ("fr", "ar")],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_string_is_translated(catalogue):
    po = polib.pofile(str(catalogue))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, (
        f"{len(untranslated)} untranslated (tools/po_fill.py): {untranslated[:5]}"
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy translations to check: {fuzzy[:5]}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(catalogue):
    compiled = catalogue.with_suffix(".mo")
    assert compiled.exists(), "run `make messages` (compilemessages)"
    source = {
        _key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(catalogue)).translated_entries()
        if not e.obsolete and e.msgid
    }
    built = {
        _key(e): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(compiled))
        if e.msgid
    }
    assert built == source, "the .mo is older than its .po: run `make messages`"
