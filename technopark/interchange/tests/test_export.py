"""Export writes every table in the format; importing an export into an empty database
gives the same records and the same bilan."""

import datetime as dt

import pytest

from technopark.hosting.models import Lease
from technopark.interchange.exporter import export_csv_dir, export_xlsx, export_zip
from technopark.interchange.importer import import_path
from technopark.interchange.tables import TABLES
from technopark.network.models import Operator, Site, SiteBudget, Space
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import (
    Export,
    FollowUp,
    Funding,
    Grouping,
    GroupingMember,
    Headcount,
    Patent,
    Startup,
)
from technopark.surveys.models import SatisfactionAnswer

pytestmark = pytest.mark.django_db


def _empty_the_database():
    for model in (
        Lease, Enrollment, GroupingMember, Grouping, FollowUp, Headcount, Export, Patent,
        Funding, SatisfactionAnswer, SiteBudget, Startup, Program, Space, Site, Operator,
    ):  # fmt: skip
        model.objects.all().delete()


def _files(folder):
    return {t.name: (folder / f"{t.name}.csv").read_text(encoding="utf-8") for t in TABLES}


def _bilan():
    try:
        from technopark.impact.engine import compute_bilan
    except ImportError:  # the figures engine is another engineer's work in progress
        return None
    return [
        compute_bilan(as_of=day, site=site)
        for day in (dt.date(2022, 11, 30), dt.date(2020, 6, 15))
        for site in (None, "CASA", "AGA-CISM")
    ]


@pytest.mark.parametrize("container", ["folder", "zip", "xlsx"])
def test_import_of_an_export_into_an_empty_database_gives_the_same(tmp_path, sample, container):
    assert import_path(sample / "french").ok
    first = export_csv_dir(tmp_path / "first")
    assert first["startups"] == 81
    bilan = _bilan()
    if container == "folder":
        target = tmp_path / "first"
    elif container == "zip":
        target = tmp_path / "network.zip"
        export_zip(target)
    else:
        target = tmp_path / "network.xlsx"
        export_xlsx(target)
    _empty_the_database()
    assert not Startup.objects.exists()
    report = import_path(target)
    assert report.errors == [] and report.warnings == []
    export_csv_dir(tmp_path / "second")
    assert _files(tmp_path / "second") == _files(tmp_path / "first")
    assert _bilan() == bilan


def test_export_columns_follow_the_spec_and_leave_drafts_out(tmp_path, sample):
    assert import_path(sample / "canonical").ok
    Lease.objects.filter(pk=Lease.objects.order_by("pk").first().pk).update(
        status=Lease.Status.DRAFT
    )
    counts = export_csv_dir(tmp_path)
    assert counts["leases"] == 61
    header = (tmp_path / "sites.csv").read_text().splitlines()[0]
    assert header == "code,name,city,region,operator,opened_on,planned_opening,closed_on"
    assert "2001-10-01" in (tmp_path / "sites.csv").read_text()


def test_a_startup_named_like_a_formula_comes_back_as_typed_from_the_workbook(tmp_path, sample):
    """`export-data --xlsx` writes text as text: re-importing reads "=1+1", not an empty
    (uncomputed) formula that made the import refuse the row ("name required")."""
    assert import_path(sample / "canonical").ok
    startup = Startup.objects.order_by("ref").first()
    Startup.objects.filter(pk=startup.pk).update(name="=1+1")
    export_xlsx(tmp_path / "network.xlsx")
    _empty_the_database()
    report = import_path(tmp_path / "network.xlsx")
    assert report.errors == []
    assert Startup.objects.get(ref=startup.ref).name == "=1+1"
