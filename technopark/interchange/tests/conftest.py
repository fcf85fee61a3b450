from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[4] / "shared" / "spec" / "sample"


@pytest.fixture
def sample() -> Path:
    assert SAMPLE.is_dir(), SAMPLE
    return SAMPLE
