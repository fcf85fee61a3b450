"""Importing the spec's sample network gives exactly the expected bilan (relative 1e-9)."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from technopark.impact.engine import compute_bilan

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO.parent / "shared" / "spec" / "sample"

pytestmark = pytest.mark.skipif(
    not (SAMPLE / "expected.json").exists(),
    reason=f"the spec's sample network is not checked out next to the repository ({SAMPLE})",
)


def _expected() -> list[dict]:
    return json.loads((SAMPLE / "expected.json").read_text()) if SAMPLE.exists() else []


def assert_same_bilan(got: dict, expected: dict) -> None:
    assert got["as_of"] == expected["as_of"]
    assert got["scope"] == expected["scope"]
    assert list(got["kpis"]) == list(expected["kpis"])
    wrong = {}
    for key, want in expected["kpis"].items():
        value = got["kpis"][key]
        if want is None or value is None:
            ok = want is None and value is None
        else:
            ok = math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-12)
        if not ok:
            wrong[key] = (value, want)
    assert not wrong, f"{expected['scope']} {expected['as_of']}: (got, expected) {wrong}"


@pytest.mark.parametrize("variant", ["canonical", "french"])
def test_sample_gives_the_expected_bilan(db, variant):
    from technopark.interchange.importer import import_path

    report = import_path(SAMPLE / variant)
    assert report.ok, report.errors
    for expected in _expected():
        site = None if expected["scope"] == "network" else expected["scope"]
        got = compute_bilan(as_of=dt.date.fromisoformat(expected["as_of"]), site=site)
        assert_same_bilan(got, expected)
        # Integers stay integers, so the JSON reads like the spec's.
        for key, value in got["kpis"].items():
            if isinstance(expected["kpis"][key], int):
                assert isinstance(value, int), key
