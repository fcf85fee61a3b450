import pytest

from technopark.signatures import pdf


@pytest.fixture(scope="session")
def seal_files(tmp_path_factory):
    """One demo certificate for the session's tests (never the var directory's)."""
    return pdf.make_demo_certificate(folder=tmp_path_factory.mktemp("seal"))


@pytest.fixture(autouse=True)
def seal_certificate(settings, seal_files):
    settings.SIGNATURES_CERT, settings.SIGNATURES_KEY = (str(p) for p in seal_files)
    return seal_files
