"""Importing the sample network (the project's own copy, interchange/tests/data/sample/)
gives exactly the expected bilan (relative 1e-9)."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from technopark.impact.engine import compute_bilan
from technopark.interchange.tests.conftest import SAMPLE


def _expected() -> list[dict]:
    expected = json.loads((SAMPLE / "expected.json").read_text())
    assert expected, "the sample lists the bilan it must give"
    return expected


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
