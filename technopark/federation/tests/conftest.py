import pytest

from technopark.federation.tests.fixtures import ensure_partners


@pytest.fixture
def fed(cast):
    """The shared cast with the partners and the site being built."""
    ensure_partners(cast)
    return cast
