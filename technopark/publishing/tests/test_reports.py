"""The bilan as PDF and Excel: produced, readable, and generated in the background on request."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from openpyxl import load_workbook
from pypdf import PdfReader

from technopark.house.testing import EnrollmentFactory, StartupFactory
from technopark.publishing.models import ReportJob
from technopark.publishing.reports import bilan_pdf, bilan_xlsx
from technopark.startups.models import Headcount

TODAY = dt.date.today()


@pytest.fixture
def network(cast):
    for i in range(6):
        s = StartupFactory(name=f"Atlas {i}")
        EnrollmentFactory(startup=s, site=cast.site, started_on=dt.date(2022, 1, 1))
        Headcount.objects.create(startup=s, as_of=TODAY, direct_jobs=10 + i)
    return cast


def _text(pdf: bytes) -> str:
    """The text a reader of the PDF sees, each page ended by a form feed as pdftotext does
    (pypdf: no external tool, so the test never depends on the machine)."""
    return "".join(page.extract_text() + "\f" for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_pdf_has_the_figures_the_sites_and_the_methodology(network, language):
    pdf = bilan_pdf(as_of=TODAY, site=None, language=language)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "Site A" in text and "Site B" in text
    assert "75" in text  # jobs: 10+11+...+15
    assert "startups_supported" in text  # the methodology annex
    assert text.count("\f") >= 3  # front page, trends and sites, annex


def test_the_pdf_of_one_site(network):
    text = _text(bilan_pdf(as_of=TODAY, site="SA", language="en"))
    assert "Site A" in text and "Site B" not in text


def test_the_workbook_has_one_sheet_per_scope(network):
    book = load_workbook(io.BytesIO(bilan_xlsx(as_of=TODAY, site=None)))
    assert book.sheetnames[1:3] == ["SA", "SB"]  # the network first, then each site
    network_rows = {r[1]: r[2] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert network_rows["startups_supported"] == 8
    assert network_rows["jobs_direct"] == 75
    site_a = {r[1]: r[2] for r in book["SA"].iter_rows(min_row=2, values_only=True)}
    assert site_a["startups_supported"] == 7
    assert book.worksheets[-1].max_row > 20  # the methodology


def test_staff_download_the_report_from_their_page(network):
    client = network.client("site_manager")
    assert "/open/reports/download/" in client.get("/open/reports/").content.decode()
    response = client.get(f"/open/reports/download/?format=pdf&as_of={TODAY}&language=ar")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    xlsx = client.get(f"/open/reports/download/?format=xlsx&as_of={TODAY}&language=fr")
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames


def test_a_background_report_shows_progress_and_is_emailed(
    network, django_capture_on_commit_callbacks
):
    client = network.client("site_manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/open/reports/new/",
            {
                "format": "xlsx",
                "as_of": TODAY.isoformat(),
                "language": "fr",
                "site": network.site.pk,
            },
        )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert (job.status, job.progress) == ("done", 100)
    assert mail.outbox[-1].to == ["manager@example.ma"]
    assert mail.outbox[-1].attachments[0][0] == job.filename
    status = client.get(f"/open/reports/{job.pk}/").content.decode()
    assert f"/open/reports/{job.pk}/file/" in status and "hx-trigger" not in status
    download = client.get(f"/open/reports/{job.pk}/file/")
    assert load_workbook(io.BytesIO(download.content))["SA"]
    # another staff member does not see it
    assert network.client("officer").get(f"/open/reports/{job.pk}/file/").status_code == 404


def test_a_running_job_is_polled(network):
    job = ReportJob.objects.create(
        format="pdf", as_of=TODAY, requested_by=network.site_manager, status="running", progress=40
    )
    page = network.client("site_manager").get(f"/open/reports/{job.pk}/").content.decode()
    assert "hx-trigger" in page and "40 %" in page and "w4" in page


def test_a_site_manager_cannot_report_on_another_site(network):
    response = network.client("site_manager").get(
        f"/open/reports/download/?format=xlsx&as_of={TODAY}&language=fr&site={network.other_site.pk}"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")  # the form, with an error


def test_drill_down_lists_keep_to_what_the_person_may_read(network):
    response = network.client("site_manager").get(
        f"/open/reports/download/?format=xlsx&as_of={TODAY}&language=en"
    )
    book = load_workbook(io.BytesIO(response.content))
    supported = book[book.sheetnames[3]]  # network, SA, SB, then the supported startups
    names = " ".join(str(r[0]) for r in supported.iter_rows(min_row=2, values_only=True))
    assert "Own Startup" in names and "Other Startup" not in names
    full = load_workbook(io.BytesIO(bilan_xlsx(as_of=TODAY, site=None)))
    names = " ".join(str(r[0]) for r in full[full.sheetnames[3]].iter_rows(values_only=True))
    assert "Other Startup" in names


def test_a_report_whose_worker_was_killed_shows_failed_and_retry_builds_it(
    network, settings, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    settings.TECHNOPARK_JOB_STALL_SECONDS = 60
    job = ReportJob.objects.create(
        format="xlsx",
        as_of=TODAY,
        requested_by=network.site_manager,
        status="running",
        progress=40,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5),
    )
    client = network.client("site_manager")
    client.cookies["django_language"] = "fr"
    page = client.get(f"/open/reports/{job.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "hx-trigger" not in page and "Réessayer" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/open/reports/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)
    assert client.get(f"/open/reports/{job.pk}/file/").status_code == 200


def test_a_failed_report_can_be_retried_but_a_running_one_cannot(
    network, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    failed = ReportJob.objects.create(
        format="pdf", as_of=TODAY, requested_by=network.site_manager, status="failed"
    )
    running = ReportJob.objects.create(
        format="pdf",
        as_of=TODAY,
        requested_by=network.site_manager,
        status="running",
        heartbeat_at=timezone.now(),
    )
    client = network.client("site_manager")
    assert f"/open/reports/{failed.pk}/retry/" in client.get("/open/reports/").content.decode()
    client.post(f"/open/reports/{running.pk}/retry/")
    running.refresh_from_db()
    assert running.status == "running"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/open/reports/{failed.pk}/retry/")
    failed.refresh_from_db()
    assert failed.status == "done"
