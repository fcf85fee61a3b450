"""The import page through HTTP: upload, dry run report or preview, confirm, download."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.house.testing import UserFactory, make_role
from technopark.interchange.models import ImportJob
from technopark.interchange.tests.helpers import BASE
from technopark.network.models import Operator
from technopark.startups.models import Startup

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what the views queue on commit (the test's transaction never commits)."""
    return django_capture_on_commit_callbacks


def _zip(tables: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(f"{name}.csv", text)
    return SimpleUploadedFile("network.zip", buffer.getvalue(), "application/zip")


def test_upload_preview_confirm_then_the_records_exist(cast, run_tasks):
    client = cast.client("admin")
    tables = {**BASE, "startups": BASE["startups"] + "S4,Nouvelle\n"}
    with run_tasks(execute=True):
        response = client.post("/interchange/", {"files": _zip(tables)})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.CHECKED
    assert not Startup.objects.filter(ref="S4").exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Nouvelle" not in page.content.decode()  # refs are shown, not names
    assert "S4" in page.content.decode()
    with run_tasks(execute=True):
        assert client.post(f"/interchange/jobs/{job.pk}/confirm/").status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Startup.objects.filter(ref="S4").exists()
    # A second confirmation is refused: the upload was imported once.
    client.post(f"/interchange/jobs/{job.pk}/confirm/")
    assert ImportJob.objects.get().status == ImportJob.Status.DONE


def test_upload_with_errors_shows_every_error_and_cannot_be_confirmed(cast, run_tasks):
    client = cast.client("admin")
    tables = {**BASE, "startups": "id,name,ice\nS1,,12\nS2,B,\nS3,C,\n"}
    with run_tasks(execute=True):
        client.post("/interchange/", {"files": _zip(tables)})
    job = ImportJob.objects.get()
    response = client.get(f"/interchange/jobs/{job.pk}/")
    assert job.status == ImportJob.Status.REJECTED
    html = response.content.decode()
    assert "ice" in html and "15" in html
    client.post(f"/interchange/jobs/{job.pk}/confirm/")
    assert not Startup.objects.filter(ref="S2").exists()
    errors = client.get(f"/interchange/jobs/{job.pk}/errors.csv")
    assert errors.status_code == 200
    lines = errors.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3  # header + the two errors of line 2
    assert lines[1].split(";")[1:4] == ["startups", "2", "name"]


def test_several_csv_files_can_be_uploaded(cast, run_tasks):
    files = [SimpleUploadedFile(f"{n}.csv", t.encode(), "text/csv") for n, t in BASE.items()]
    with run_tasks(execute=True):
        response = cast.client("admin").post("/interchange/", {"files": files})
    assert response.status_code == 302
    assert ImportJob.objects.get().status == ImportJob.Status.CHECKED


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.pdf", b"%PDF-1.4"), ("fake.zip", b"not a zip at all")],
)
def test_wrong_file_types_are_refused(cast, name, content):
    response = cast.client("admin").post(
        "/interchange/", {"files": SimpleUploadedFile(name, content)}, follow=True
    )
    assert response.status_code == 200
    assert not ImportJob.objects.exists()


def test_too_large_upload_is_refused(cast, settings):
    settings.TECHNOPARK_MAX_UPLOAD_BYTES = 100
    response = cast.client("admin").post("/interchange/", {"files": _zip(BASE)}, follow=True)
    assert "MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_export_download(cast):
    response = cast.client("admin").get("/interchange/export/?format=zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "startups.csv" in archive.namelist()


@pytest.mark.parametrize("role", ["owner", "site_manager", "officer", "expert", "anonymous"])
def test_others_do_not_see_the_page(cast, role):
    client = cast.client(role)
    assert client.get("/interchange/").status_code == 404
    assert client.post("/interchange/", {"files": _zip(BASE)}).status_code == 404
    assert not ImportJob.objects.exists()


def test_a_partner_admin_uploads_only_its_own_records(cast, run_tasks):
    partner = Operator.objects.create(name="Réseau partenaire", slug="reseau-partenaire")
    user = make_role(UserFactory(email="partner@example.ma"), "partner_admin", operator=partner)
    from django.test import Client

    client = Client()
    client.force_login(user)
    assert client.get("/interchange/").status_code == 200
    assert client.get("/interchange/export/").status_code == 404
    with run_tasks(execute=True):
        client.post("/interchange/", {"files": _zip(BASE), "operator": partner.slug})
    job = ImportJob.objects.get()
    response = client.get(f"/interchange/jobs/{job.pk}/")
    assert job.operator == partner
    assert job.status == ImportJob.Status.REJECTED  # the sites of the network are refused
    assert "partner upload" in response.content.decode()
    # Without a partner, a partner admin's upload is refused outright.
    client.post("/interchange/", {"files": _zip(BASE)})
    assert ImportJob.objects.count() == 1
    # Another partner's admin does not see this upload.
    other = Operator.objects.create(name="Autre", slug="autre")
    stranger = make_role(UserFactory(email="autre@example.ma"), "partner_admin", operator=other)
    client.force_login(stranger)
    assert client.get(f"/interchange/jobs/{job.pk}/").status_code == 404
