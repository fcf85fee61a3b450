"""A park's workbook on the upload page: the proposed mapping confirmed or changed, the
rows in error fixed in the grid and checked again without a second upload, the mapping
kept for the next file of the kind; a partner's workbook stays within its scope."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.interchange.importer import import_path
from technopark.interchange.models import ImportJob, ImportMapping
from technopark.interchange.tests.helpers import write
from technopark.interchange.tests.workbooks import park_startups, workbook
from technopark.startups.models import Headcount, Startup

pytestmark = pytest.mark.django_db

ROWS = [
    ["CASA-001", "Atlas Tech", "15/03/21", "Fintech", "Rabat-Salé-Kénitra"],
    ["CASA-002", "Argan Data", "31/02/2021", "Agritech", "Atlantide"],
]


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def network(tmp_path):
    assert import_path(write(tmp_path / "base", startups="id,name\n")).ok


def _upload(client, path, run_tasks, **data) -> ImportJob:
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    with run_tasks(execute=True):
        response = client.post("/interchange/", {"files": upload, **data})
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.order_by("-pk").first()


def test_confirm_the_mapping_fix_a_cell_then_import(cast, network, tmp_path, run_tasks):
    client = cast.client("admin")
    job = _upload(client, park_startups(tmp_path / "park.xlsx", rows=ROWS), run_tasks)
    assert job.status == ImportJob.Status.REJECTED
    # The region no name matches is refused before anything else, with its row.
    assert {(e["table"], e["line"], e["column"]) for e in job.preview["errors"]} == {
        ("Startups 2023", 5, "Région")
    }
    page = client.get(f"/interchange/jobs/{job.pk}/")
    html = page.content.decode()
    # "Atlantide", to choose: its field, whatever its place among the unusual values
    region = next(
        m.group(0)[6:-1]
        for m in re.finditer(r'name="val:0:region:\d+"', html)
        if "Atlantide" in html[max(0, m.start() - 600) : m.start()]
    )
    assert b'name="fix:0:5:' in page.content  # its row, in the grid

    with run_tasks(execute=True):
        client.post(
            f"/interchange/jobs/{job.pk}/mapping/",
            {"mapping": "1", region: "MA-09", "keep": "1"},
        )
    job.refresh_from_db()
    # Now the impossible date is the one error, in the grid; fixed there, without uploading.
    assert job.status == ImportJob.Status.REJECTED
    assert {(e["table"], e["line"], e["column"]) for e in job.preview["errors"]} == {
        ("Startups 2023", 5, "Date de création")
    }
    grid = job.preview["grid"][0]
    column = [c["header"] for c in grid["columns"]].index("Date de création")
    with run_tasks(execute=True):
        client.post(f"/interchange/jobs/{job.pk}/mapping/", {f"fix:0:5:{column}": "28/02/2021"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED, job.preview["errors"]
    assert not Startup.objects.filter(ref="CASA-002").exists()  # not before confirming
    with run_tasks(execute=True):
        client.post(f"/interchange/jobs/{job.pk}/confirm/")
    argan = Startup.objects.get(ref="CASA-002")
    assert (argan.region_id, argan.founded_on) == ("MA-09", dt.date(2021, 2, 28))

    # The next file of the same kind is read with the kept mapping: "Atlantide" is MA-09.
    kept = ImportMapping.objects.get()
    assert kept.created_by == cast.admin and not kept.shared
    rows = [["CASA-003", "Souss Food", "01/01/2022", "Agro", "Atlantide"]]
    again = _upload(client, park_startups(tmp_path / "next.xlsx", rows=rows), run_tasks)
    assert again.status == ImportJob.Status.CHECKED, again.preview["errors"]
    assert again.preview["mapping_kept"] is True


def test_a_mapping_choice_not_offered_is_refused_and_changes_nothing(
    cast, network, tmp_path, run_tasks
):
    client = cast.client("admin")
    job = _upload(client, park_startups(tmp_path / "park.xlsx", rows=ROWS), run_tasks)
    response = client.post(
        f"/interchange/jobs/{job.pk}/mapping/", {"mapping": "1", "val:0:region:1": "MA-99"}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED and job.mapping is None
    assert not ImportMapping.objects.exists()


def test_the_help_page_lists_the_words_understood(cast):
    page = cast.client("admin").get("/interchange/spreadsheets/")
    assert page.status_code == 200
    assert b"nom de la startup" in page.content
    assert "date de création".encode() in page.content


def _partner_book(tmp_path, refs: list[str]):
    return workbook(
        tmp_path / "alpha.xlsx",
        {
            "Startups": [["Référence", "Nom de la startup"], *[[r, f"{r} renommée"] for r in refs]],
            "Effectifs": [
                ["Startup", "Date", "Emplois directs"],
                *[[r, "01/01/2024", 9] for r in refs],
            ],
        },
    )


def test_a_partners_workbook_never_reaches_another_startup(cast, tmp_path, run_tasks):
    cast.partner_admin  # noqa: B018 - the partners, their program, ALPHA-1 and OWN-1
    client = cast.client("partner_admin")
    job = _upload(
        client, _partner_book(tmp_path, ["ALPHA-1", "OWN-1"]), run_tasks, operator="alpha"
    )
    assert job.status == ImportJob.Status.REJECTED
    assert {(e["table"], e["line"]) for e in job.preview["errors"]} == {
        ("Startups", 3),
        ("Effectifs", 3),
    }
    assert Startup.objects.get(ref="OWN-1").name != "OWN-1 renommée"
    assert not Headcount.objects.filter(startup__ref__in=["OWN-1", "ALPHA-1"]).exists()

    job = _upload(client, _partner_book(tmp_path, ["ALPHA-1"]), run_tasks, operator="alpha")
    assert job.status == ImportJob.Status.CHECKED, job.preview["errors"]
    with run_tasks(execute=True):
        client.post(f"/interchange/jobs/{job.pk}/confirm/")
    assert Startup.objects.get(ref="ALPHA-1").name == "ALPHA-1 renommée"
    assert Headcount.objects.get(startup__ref="ALPHA-1").direct_jobs == 9


def test_another_partners_admin_cannot_change_the_mapping(cast, network, tmp_path, run_tasks):
    job = _upload(cast.client("admin"), park_startups(tmp_path / "p.xlsx", rows=ROWS), run_tasks)
    response = cast.client("partner_admin").post(
        f"/interchange/jobs/{job.pk}/mapping/", {"mapping": "1", "val:0:region:1": "MA-09"}
    )
    assert response.status_code == 404
    job.refresh_from_db()
    assert job.mapping is None


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_help_page_shows_the_mapping_and_the_grid_in_the_readers_language(cast, language):
    from django.contrib.staticfiles import finders

    client = cast.client("admin")
    client.cookies["technopark_language"] = language
    page = client.get("/interchange/spreadsheets/").content.decode()
    pictures = re.findall(r'<img[^>]+src="([^"]+)"[^>]*alt="([^"]+)"', page)
    assert [src.rsplit("/", 1)[-1] for src, _alt in pictures] == [
        f"mapping-{language}.png",
        f"grid-{language}.png",
    ]
    for src, alt in pictures:
        assert len(alt) > 40  # says what the picture shows
        found = finders.find(src.split("/static/", 1)[-1])
        assert found and Path(found).stat().st_size < 150_000
