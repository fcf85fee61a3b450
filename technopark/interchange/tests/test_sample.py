"""The sample network of the spec imports cleanly, in both spellings, as the same records."""

import pytest

from technopark.interchange.importer import import_path
from technopark.interchange.tables import TABLES

pytestmark = pytest.mark.django_db

SAMPLE_ROWS = {
    "sites": 9,
    "spaces": 92,
    "startups": 81,
    "programs": 5,
    "enrollments": 93,
    "leases": 62,
    "followups": 70,
    "headcounts": 157,
    "exports": 48,
    "patents": 4,
    "groupings": 2,
    "satisfaction": 61,
    "budgets": 46,
    "fundings": 12,
}


@pytest.mark.parametrize("spelling", ["canonical", "french"])
def test_sample_imports_every_row(sample, spelling):
    report = import_path(sample / spelling)
    assert report.errors == []
    assert report.warnings == []
    assert {t: c.created for t, c in report.counts.items()} == SAMPLE_ROWS
    assert set(SAMPLE_ROWS) == {t.name for t in TABLES}


def test_french_spelling_is_the_same_records_as_canonical(sample):
    assert import_path(sample / "canonical").ok
    report = import_path(sample / "french")
    assert report.ok
    assert report.changed == 0
    assert {t: c.unchanged for t, c in report.counts.items()} == SAMPLE_ROWS


def test_importing_twice_changes_nothing(sample):
    assert import_path(sample / "canonical").ok
    again = import_path(sample / "canonical")
    assert again.ok
    assert again.changed == 0


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_project_copy_of_the_sample_is_the_spec_sample_when_it_is_there():
    """A cross-check, not a dependency: without ../shared there is nothing to compare."""
    from technopark.interchange.tests.conftest import SAMPLE, SPEC_SAMPLE

    own = _files(SAMPLE)
    assert len(own) == 2 * 14 + 2  # both spellings of the 14 tables, README, expected.json
    if SPEC_SAMPLE.is_dir():
        assert own == _files(SPEC_SAMPLE)
