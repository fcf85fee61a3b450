"""Files made to hurt: control characters the database cannot keep, and archives or sheets
that expand far beyond their size. Each is refused with a message, before anything is
written, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from technopark.interchange.importer import import_path
from technopark.interchange.models import ImportJob
from technopark.interchange.tests import bombs
from technopark.interchange.tests.helpers import BASE, where, write
from technopark.interchange.tests.test_web import _zip
from technopark.network.models import Site
from technopark.startups.models import Startup

pytestmark = pytest.mark.django_db

SITES_WITH_NUL = (
    "code,name,city,region,operator,opened_on\n"
    "CASA,Techno\x00park Casablanca,Casablanca,MA-06,MITC,2001-10-01\n"
)


def test_a_nul_in_a_cell_is_a_cell_error_of_the_dry_run_in_the_terminal(tmp_path):
    folder = write(tmp_path, sites=SITES_WITH_NUL)
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import-data",
            str(folder),
            "--dry-run",
            "--quiet-progress",
            "--language",
            "en",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert raised.value.returncode == 1
    assert out.getvalue().splitlines() == [
        "error: sites:2 [name]: This cell holds an invisible control character (U+0000, "
        "character 7) that cannot be stored: delete it, or type the text again."
    ]
    assert not Site.objects.exists()


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1b", "\x0b"])
@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        ("startups", "id,name,ice\nS1,Atlas{c}Tech,\nS2,B,\nS3,C,\n", "name"),  # free text
        ("startups", "id,name,email\nS1,A,a{c}@x.ma\nS2,B,\nS3,C,\n", "email"),
        ("startups", "id,name,ice\nS1,A,00123456789{c}0123\nS2,B,\nS3,C,\n", "ice"),
        ("startups", "id,name,founded_on\nS1,A,2020-01-0{c}1\nS2,B,\nS3,C,\n", "founded_on"),
    ],
)
def test_every_kind_of_cell_refuses_a_control_character(tmp_path, control, table, row, column):
    report = import_path(write(tmp_path, **{table: row.format(c=control)}))
    assert where(report) == {(table, 2, column)}
    assert "control character" in report.errors[0].message
    assert not Startup.objects.exists()


def test_tabs_and_line_breaks_stay_allowed_in_text(tmp_path):
    startups = 'id,name,sector\nS1,A,"one\tline\r\ntwo"\nS2,B,\nS3,C,\n'
    report = import_path(write(tmp_path, startups=startups))
    assert report.ok, report.errors
    assert Startup.objects.get(ref="S1").sector == "one\tline\r\ntwo"


def test_the_upload_page_reports_the_cell_and_keeps_the_report(
    cast, django_capture_on_commit_callbacks
):
    client = cast.client("admin")
    # A NUL in the header too: a column name the report repeats, kept as JSON on PostgreSQL.
    tables = {**BASE, "sites": SITES_WITH_NUL, "startups": "id,name,no\x00te\nS1,A,\n"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/interchange/", {"files": _zip(tables)})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REJECTED, job.failure
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "control character" in html
    assert "no\\x00te" in html  # the unknown column, its NUL made visible
    assert not Site.objects.filter(code="CASA").exists()


# --- Archives that expand too far ---------------------------------------------------------
# Small bombs against small limits: the limits stop them from the archive's index (or after
# a few rows), so each test reads little and stays fast.


@pytest.fixture
def small_limits(settings):
    settings.TECHNOPARK_ARCHIVE_MAX_EXPANDED_BYTES = 3 * 1024 * 1024
    settings.TECHNOPARK_ARCHIVE_MAX_PART_BYTES = 512 * 1024
    settings.TECHNOPARK_ARCHIVE_MAX_MEMBERS = 50
    settings.TECHNOPARK_IMPORT_MAX_CELLS = 2_000
    return settings


def _refused(report, fragment: str) -> None:
    assert not report.ok
    assert fragment in report.errors[0].message, report.errors
    assert not Startup.objects.exists()


def test_a_csv_that_expands_too_many_times_is_refused_from_the_index(tmp_path):
    # 2 MiB of blank lines compress about a thousand times (the default limit is 100).
    bomb = bombs.zip_blank_lines(tmp_path / "bomb.zip", 2 * 1024 * 1024)
    _refused(import_path(bomb, dry_run=True), "may expand at most 100 times")


def test_an_archive_larger_than_the_limit_once_expanded_is_refused(tmp_path, small_limits):
    small_limits.TECHNOPARK_ARCHIVE_MAX_RATIO = 10_000
    bomb = bombs.zip_long_line(tmp_path / "bomb.zip", 4 * 1024 * 1024)
    _refused(import_path(bomb, dry_run=True), "expands to 4 MB; the limit is 3 MB")


def test_an_archive_of_too_many_files_is_refused(tmp_path, small_limits):
    bomb = bombs.zip_many_files(tmp_path / "bomb.zip", 100)
    _refused(import_path(bomb, dry_run=True), "holds 104 files; an archive may hold at most 50")


def test_a_workbook_part_read_whole_is_bounded(tmp_path, small_limits):
    small_limits.TECHNOPARK_ARCHIVE_MAX_RATIO = 10_000
    bomb = bombs.xlsx_shared_strings(tmp_path / "bomb.xlsx", 1024 * 1024)
    _refused(import_path(bomb, dry_run=True), "xl/sharedStrings.xml expands to 1 MB")


def test_a_sheet_stops_at_the_cell_limit(tmp_path, small_limits):
    # Each row has one cell far right (XFD), read up to 200 columns: line 11 passes 2,000.
    bomb = bombs.xlsx_wide_rows(tmp_path / "bomb.xlsx", 1_000)
    report = import_path(bomb, dry_run=True)
    _refused(report, "startups has more than 2 000 cells")
    assert where(report) == {("startups", 11, "")}


def test_a_csv_of_an_archive_stops_at_the_cell_limit(tmp_path, small_limits):
    lines = b"".join(b"S%d,Name\n" % n for n in range(2_000))
    bomb = bombs.zip_csv(tmp_path / "big.zip", "startups", iter([b"id,name\n", lines]))
    _refused(import_path(bomb, dry_run=True), "startups.csv has more than 2 000 cells")


def test_a_workbook_declaring_too_many_cells_is_refused_before_reading(tmp_path, small_limits):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "startups"
    sheet.append(["id", "name"])
    sheet["B5000"] = "far below"
    book.save(tmp_path / "tall.xlsx")
    report = import_path(tmp_path / "tall.xlsx", dry_run=True)
    assert ("startups", 0, "") in where(report)
    assert any("more than 2 000 cells" in e.message for e in report.errors)


def test_a_csv_line_longer_than_any_field_is_refused(tmp_path, monkeypatch):
    from technopark.interchange import readers

    monkeypatch.setattr(readers, "LINE_LIMIT", 1024, raising=False)
    write(tmp_path, startups="id,name\nS1," + "a" * 5000 + "\n")
    report = import_path(tmp_path, dry_run=True)
    _refused(report, "has a line longer than")


def test_a_real_workbook_and_zip_are_read_within_the_limits(tmp_path, small_limits):
    """The control: the same readers, on honest files, import them."""
    from technopark.interchange.tests.test_web import _zip as zip_upload

    (tmp_path / "ok.zip").write_bytes(zip_upload(BASE).read())
    assert import_path(tmp_path / "ok.zip", dry_run=True).ok
    (tmp_path / "ok.xlsx").write_bytes(bombs._workbook())
    report = import_path(tmp_path / "ok.xlsx", dry_run=True)
    assert report.ok, report.errors
    assert report.counts["startups"].created == 3
