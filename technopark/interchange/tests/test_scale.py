"""The fast paths of a large import read, check and write exactly as the plain ones."""

import datetime as dt
from decimal import Decimal

import pytest

from technopark.core.bulk import insert_rows
from technopark.interchange.importer import import_path
from technopark.interchange.parsing import parse_row, row_parser
from technopark.interchange.readers import TableSource
from technopark.interchange.report import ImportReport
from technopark.interchange.rows import pack
from technopark.interchange.tables import TABLES
from technopark.interchange.tests.helpers import where, write
from technopark.startups.models import Headcount, Startup

# Cells written the usual way, the unusual ways the format accepts, and wrong ones.
ODD_CELLS = [
    "", "  ", " 2024-01-05 ", "2024-01-05", "05/01/2024", "2024-1-5", "2024-02-30",
    "2024-01-05 00:00", "20240105", "2024-W01-1", "2024-01-0\u0665", "12", "007", "-3", "2.5",
    "12,5", "1 000", "1\u00a0000,50", "12.345", "1000.00", "999999999999.99",
    "1000000000000", "99999999", "123456789", "3000000000", "true", "Oui", "FAUX", "peut-être",
    "2022", "22", "office", "OFFICE", "meeting-room", "meeting room", "castle",
    "pre_incubation", "Pre-Incubation", "graduated", "001234567890123", "001 234 567 890 123",
    "12345", "CASA", "RA BAT", "S000001", "S1/2", "x" * 300, "MA-06", "ma-06", "MA-13", "FR",
    "MA", "XX", "a@example.ma", "not-an-email", "https://example.ma", "www.example", "2026",
    "bientôt", "S1;S2", "S1|S2",
]  # fmt: skip


@pytest.mark.parametrize("semicolon", [False, True])
@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_the_fast_row_reader_gives_the_values_and_errors_of_parse_row(table, semicolon):
    source = TableSource(table.name, f"{table.name}.csv", lambda: iter(()), semicolon=semicolon)
    present = [(column, i) for i, column in enumerate(table.columns)]
    plain, fast = ImportReport(), ImportReport()
    parse = row_parser(table, present, source, fast)
    width = len(table.columns)
    for shift in range(len(ODD_CELLS)):
        row = [ODD_CELLS[(shift + i) % len(ODD_CELLS)] for i in range(width)]
        assert parse(row, shift + 2) == parse_row(table, present, row, shift + 2, source, plain)
        short = row[: width // 2]  # a row with fewer cells than the header
        assert parse(short, shift + 2) == parse_row(table, present, short, shift + 2, source, plain)
    assert fast.errors == plain.errors
    assert plain.errors  # the odd cells did reach the error messages


def test_packed_keys_are_one_integer_per_key_and_none_for_text():
    day = dt.date(2024, 1, 5)
    keys = {
        pack(1, day),
        pack(2, day),
        pack(1, day + dt.timedelta(days=1)),
        pack(1, 2, day),
        pack(2, 1, day),
        pack(1, 2022, "FR"),
        pack(1, 2022, "ES"),
        pack(1, 2023, "FR"),
        pack(2**31 - 1, dt.date.max),
    }
    assert len(keys) == 9 and all(type(k) is int for k in keys)
    assert pack(1, day, "Procédé de séchage") is None  # a title: the key itself is kept
    assert pack(None, day) is None
    assert pack(2**31, day) is None


def _headcounts(n: int, duplicate_of: int | None = None) -> str:
    lines = ["startup,as_of,direct_jobs"]
    for i in range(n):
        lines.append(f"S{1 + i % 3},{dt.date(1900, 1, 1) + dt.timedelta(days=i)},{i % 7}")
    if duplicate_of is not None:
        lines.append(lines[duplicate_of - 1].rsplit(",", 1)[0] + ",9")
    return "\n".join(lines) + "\n"


@pytest.mark.django_db
def test_a_key_given_twice_far_apart_is_refused_and_nothing_is_written(tmp_path):
    # 1,300 rows: the repeated key comes two write chunks after the first one.
    report = import_path(write(tmp_path / "up", headcounts=_headcounts(1300, duplicate_of=3)))
    assert where(report) == {("headcounts", 1302, "as_of")}
    assert "line 3" in report.errors[0].message or "ligne 3" in report.errors[0].message
    assert not Headcount.objects.exists() and not Startup.objects.exists()


@pytest.mark.django_db
def test_a_key_given_twice_is_found_after_an_earlier_error(tmp_path):
    # The bad startup stops the writing: the keys are no longer packed, still compared.
    startups = "id,name,ice\nS1,Atlas Tech,001234567890123\nS2,Argan Data,12\nS3,Souss,\n"
    exports = "startup,year,country,amount_mad\nS1,2022,FR,10\nS2,2022,FR,10\nS1,2022,FR,20\n"
    report = import_path(write(tmp_path / "up", startups=startups, exports=exports))
    assert where(report) == {("startups", 3, "ice"), ("exports", 4, "country")}


@pytest.mark.django_db
def test_a_large_table_imports_whole(tmp_path):
    report = import_path(write(tmp_path / "up", headcounts=_headcounts(1300)))
    assert report.ok, report.errors
    assert report.counts["headcounts"].created == 1300
    assert Headcount.objects.count() == 1300
    row = Headcount.objects.get(startup__ref="S2", as_of=dt.date(1900, 1, 2))
    assert (row.direct_jobs, row.indirect_jobs) == (1, 0)  # the field's default
    assert set(report.timings) >= {"startups", "headcounts"}


@pytest.mark.django_db
def test_insert_rows_fills_defaults_and_returns_the_keys_in_order():
    rows = [
        {"ref": f"R{i}", "name": f"Startup {i}", "founded_on": dt.date(2020, 1, 1 + i)}
        for i in range(5)
    ]
    pks = insert_rows(Startup, rows, key=("ref",))
    assert [Startup.objects.get(pk=pk).ref for pk in pks] == [r["ref"] for r in rows]
    first = Startup.objects.get(ref="R0")
    assert first.public is False and first.description == "" and first.ice is None
    assert first.created_at is not None and first.founded_on == dt.date(2020, 1, 1)
    assert insert_rows(
        Headcount, [{"startup_id": first.pk, "as_of": dt.date(2024, 12, 31), "direct_jobs": 4}],
        returning=False,
    ) == []  # fmt: skip
    assert Headcount.objects.get().indirect_jobs == 0


@pytest.mark.django_db
def test_insert_rows_converts_what_the_drivers_do_not_take(tmp_path):
    moment = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    insert_rows(Startup, [{"ref": "T1", "name": "T", "created_at": moment}], key=("ref",))
    assert Startup.objects.get(ref="T1").created_at == moment
    assert Startup.objects.filter(created_at__lt=moment + dt.timedelta(minutes=1)).count() == 1


def test_amounts_keep_their_centimes():
    table = next(t for t in TABLES if t.name == "fundings")
    source = TableSource("fundings", "fundings.csv", lambda: iter(()))
    present = [(column, i) for i, column in enumerate(table.columns)]
    parse = row_parser(table, present, source, ImportReport())
    values, ok = parse(["S1", "2024-01-05", "Innov Idea", "grant", "150000"], 2)
    assert ok and values["amount_mad"] == Decimal("150000.00")
    assert str(values["amount_mad"]) == "150000.00"


@pytest.mark.django_db
def test_insert_rows_reads_back_the_keys_of_a_two_column_key():
    from technopark.network.models import Site, Space

    site = Site.objects.create(
        code="CASA", name="Technopark Casablanca", city="Casablanca", region_id="MA-06"
    )
    Space.objects.create(site=site, code="OLD", kind="office", area_m2=10)
    rows = [
        {"site_id": site.pk, "code": f"B{i}", "kind": "office", "area_m2": Decimal(20 + i)}
        for i in range(4)
    ]
    pks = insert_rows(Space, rows, key=("site_id", "code"))
    assert [Space.objects.get(pk=pk).code for pk in pks] == ["B0", "B1", "B2", "B3"]
    assert Space.objects.get(code="B2").seats == 0  # the field's default
