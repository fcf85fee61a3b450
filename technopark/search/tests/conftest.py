import pytest

from technopark.search import selectors


@pytest.fixture(autouse=True)
def _fresh_index():
    """Each test's startups, not a previous test's kept by the process."""
    selectors._INDEX.clear()
    yield
    selectors._INDEX.clear()
