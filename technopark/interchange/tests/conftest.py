"""The sample network is the project's own test data (tests/data/sample/): a clone with
nothing beside it runs every interchange and bilan test. When the specification is checked
out next to the repository (../shared/spec/sample, as on CI), `test_sample.py` also checks
that the copy has not drifted from it; nothing fails when it is absent."""

from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent / "data" / "sample"
SPEC_SAMPLE = Path(__file__).resolve().parents[4] / "shared" / "spec" / "sample"


@pytest.fixture
def sample() -> Path:
    assert (SAMPLE / "expected.json").is_file(), SAMPLE
    return SAMPLE
