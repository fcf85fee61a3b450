"""A partner uploads its records in the interchange format, for its own programs only."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from technopark.programs.models import Enrollment
from technopark.startups.models import Startup


def _zip(tables: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(f"{name}.csv", text)
    return SimpleUploadedFile("alpha.zip", buffer.getvalue(), content_type="application/zip")


OWN = {
    "programs": "code;name;kind;operator;direct\nALPHA-INC;Alpha incubation;incubation;alpha;false\n",
    "startups": "id;name;sector;region\nALPHA-2;Atlas Robotique;Robotique;MA-03\n",
    "enrollments": "startup;program;site;started_on\nALPHA-2;ALPHA-INC;SA;15/09/2024\n",
}


# The upload's check and import are interchange tasks queued on commit (run in-process
# here): the tests commit, as the site does, so the page shows their report.
pytestmark = pytest.mark.django_db(transaction=True)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_preview_then_confirm_saves_the_partner_records(fed):
    client = login(fed.partner_officer)
    response = client.post("/federation/space/alpha/upload/", {"file": _zip(OWN)})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok and report.dry_run, report.errors
    assert not Startup.objects.filter(ref="ALPHA-2").exists()  # a preview writes nothing
    assert "Save the records of alpha.zip" in response.content.decode()

    response = client.post("/federation/space/alpha/upload/", {"confirm": "1"})
    assert response.context["report"].written
    startup = Startup.objects.get(ref="ALPHA-2")
    assert Enrollment.objects.filter(startup=startup, program=fed.partner_program).exists()
    assert response.context["pending"] is None


def test_an_upload_touching_another_partner_is_refused_whole(fed):
    tables = dict(OWN)
    tables["enrollments"] += "BETA-1;BETA-ACC;SB;01/01/2025\n"
    response = login(fed.partner_admin).post(
        "/federation/space/alpha/upload/", {"file": _zip(tables)}
    )
    report = response.context["report"]
    assert not report.ok
    assert response.context["pending"] is None
    assert "nothing was saved" in response.content.decode()
    assert not Startup.objects.filter(ref="ALPHA-2").exists()
    # nothing waits for a confirmation either
    response = login(fed.partner_admin).post("/federation/space/alpha/upload/", {"confirm": "1"})
    assert response.context["report"] is None


def test_other_file_types_are_refused_before_reading(fed):
    upload = SimpleUploadedFile("notes.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = login(fed.partner_admin).post("/federation/space/alpha/upload/", {"file": upload})
    assert response.status_code == 200
    assert response.context["report"] is None
    assert "Upload a .zip or .xlsx file" in response.content.decode()


def test_another_partner_may_not_upload_here(fed):
    response = login(fed.other_partner_admin).post(
        "/federation/space/alpha/upload/", {"file": _zip(OWN)}
    )
    assert response.status_code == 404
    assert not Startup.objects.filter(ref="ALPHA-2").exists()
