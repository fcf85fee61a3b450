"""Files made to hurt: control characters the database cannot keep, and archives or sheets
that expand far beyond their size. Each is refused with a message, before anything is
written, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from technopark.interchange.importer import import_path
from technopark.interchange.models import ImportJob
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
