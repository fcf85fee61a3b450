"""Every parsing rule of the format: delimiters, dates, decimals, BOM, headers, booleans,
workbooks with typed cells, and zips with or without a top folder."""

import datetime as dt
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from technopark.interchange.importer import import_path
from technopark.interchange.tests.helpers import BASE, where, write
from technopark.network.models import Site, Space
from technopark.programs.models import Enrollment
from technopark.startups.models import Grouping, Startup

pytestmark = pytest.mark.django_db


def test_semicolon_file_with_bom_upper_headers_french_dates_and_decimal_commas(tmp_path):
    folder = write(
        tmp_path,
        bom=True,
        spaces=" LEASABLE ;Area_M2;CODE;SITE;KIND;SEATS\r\noui;1 234,5;B1;CASA;office;4\r\n",
        enrollments="STARTUP;PROGRAM;SITE;STARTED_ON;ENDED_ON;OUTCOME\n"
        "S1;INC;CASA;13/01/2020;02/03/2021;graduated\n",
    )
    report = import_path(folder)
    assert report.errors == []
    space = Space.objects.get(code="B1")
    assert space.area_m2 == Decimal("1234.50")
    assert space.leasable is True
    enrollment = Enrollment.objects.get()
    assert enrollment.started_on == dt.date(2020, 1, 13)
    assert enrollment.ended_on == dt.date(2021, 3, 2)


def test_dates_are_never_read_month_first(tmp_path):
    folder = write(
        tmp_path,
        enrollments="startup,program,site,started_on\nS1,INC,CASA,01/13/2020\n",
    )
    report = import_path(folder)
    assert where(report) == {("enrollments", 2, "started_on")}
    assert "YYYY-MM-DD or DD/MM/YYYY" in report.errors[0].message
    assert not Startup.objects.exists()


def test_impossible_calendar_date_is_an_error(tmp_path):
    folder = write(
        tmp_path, enrollments="startup,program,site,started_on\nS1,INC,CASA,2021-02-29\n"
    )
    assert where(import_path(folder)) == {("enrollments", 2, "started_on")}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("true", True), ("FALSE", False), ("Yes", True), ("no", False), ("OUI", True),
     ("non", False), ("1", True), ("0", False)],
)  # fmt: skip
def test_booleans(tmp_path, cell, expected):
    folder = write(tmp_path, startups=f"id,name,public\nS1,Atlas,{cell}\nS2,B,\nS3,C,\n")
    assert import_path(folder).ok
    assert Startup.objects.get(ref="S1").public is expected
    assert Startup.objects.get(ref="S2").public is False  # empty: the default


def test_a_word_that_is_not_a_boolean(tmp_path):
    folder = write(tmp_path, startups="id,name,public\nS1,Atlas,peut-être\nS2,B,\nS3,C,\n")
    assert where(import_path(folder)) == {("startups", 2, "public")}


def test_header_spaces_case_and_order_and_unknown_column(tmp_path):
    folder = write(tmp_path, startups="  NAME , Id ,Colour\nAtlas,S1,blue\nB,S2,\nC,S3,\n")
    report = import_path(folder)
    assert report.ok
    assert [(w.table, w.line, w.column) for w in report.warnings] == [("startups", 1, "colour")]
    assert Startup.objects.get(ref="S1").name == "Atlas"


def test_missing_required_column_is_an_error_on_line_1(tmp_path):
    folder = write(tmp_path, spaces="site,code,kind,leasable\nCASA,B1,office,true\n")
    report = import_path(folder)
    assert ("spaces", 1, "area_m2") in where(report)
    assert "missing" in report.errors[0].message


def test_unknown_file_is_a_warning_and_missing_required_table_an_error(tmp_path):
    folder = write(tmp_path, programs=None)
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    report = import_path(folder)
    assert ("programs", 0, "") in where(report)
    assert any(w.table == "notes.csv" for w in report.warnings)


def test_blank_lines_keep_the_spreadsheet_line_numbers(tmp_path):
    folder = write(tmp_path, startups="id,name\nS1,A\n\nS2,\nS3,C\n")
    assert where(import_path(folder)) == {("startups", 4, "name")}


def test_groupings_members_with_pipes_in_a_semicolon_file(tmp_path):
    folder = write(
        tmp_path,
        groupings="code;kind;name;formed_on;members\nG1;gie;GIE Souss;01/02/2022;S1|S2|S3\n",
    )
    assert import_path(folder).ok
    assert sorted(Grouping.objects.get().members.values_list("ref", flat=True)) == [
        "S1",
        "S2",
        "S3",
    ]


def test_workbook_with_real_dates_numbers_and_booleans(tmp_path):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, text in BASE.items():
        sheet = workbook.create_sheet(name)
        for line in text.strip().splitlines():
            sheet.append(line.split(","))
    spaces = workbook["spaces"]
    spaces.append(["CASA", "B3", "lab", 42.25, 3, True])
    sites = workbook["sites"]
    sites.append(["RABAT", "Technopark Rabat", "Rabat", "MA-04", "MITC", dt.datetime(2012, 6, 4)])
    extra = workbook.create_sheet("Feuil1")
    extra.append(["x"])
    path = tmp_path / "network.xlsx"
    workbook.save(path)
    report = import_path(path)
    assert report.errors == []
    assert any(w.table == "Feuil1" for w in report.warnings)
    lab = Space.objects.get(code="B3")
    assert (lab.area_m2, lab.seats, lab.leasable) == (Decimal("42.25"), 3, True)
    assert Site.objects.get(code="RABAT").opened_on == dt.date(2012, 6, 4)


@pytest.mark.parametrize("top", ["", "export-2026/"])
def test_zip_with_files_at_the_root_or_in_one_top_folder(tmp_path, top):
    path = tmp_path / "network.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in BASE.items():
            archive.writestr(f"{top}{name}.csv", text)
        archive.writestr("__MACOSX/._sites.csv", "junk")
    report = import_path(path)
    assert report.errors == []
    assert Startup.objects.count() == 3


def test_not_utf8_is_an_actionable_error(tmp_path):
    folder = write(tmp_path)
    (folder / "startups.csv").write_bytes("id,name\nS1,Société\n".encode("cp1252"))
    report = import_path(folder)
    assert report.errors and "UTF-8" in report.errors[0].message


def test_not_a_container(tmp_path):
    path = tmp_path / "network.pdf"
    path.write_bytes(b"%PDF")
    report = import_path(path)
    assert not report.ok
