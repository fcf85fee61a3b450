"""Workbooks as the parks keep them: French and Arabic headers and values, a title above
the header, extra columns, dates and amounts typed by hand; imported through a proposed
mapping (`--guess`) or a kept one (`--mapping`), all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from technopark.interchange.guess import messy_date, messy_number
from technopark.interchange.importer import import_path
from technopark.interchange.tests.helpers import where, write
from technopark.interchange.tests.workbooks import STARTUP_HEADER, park_startups, workbook
from technopark.programs.models import Enrollment
from technopark.startups.models import Export, Funding, Startup

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(tmp_path):
    """The network already in the database: site CASA, programs INC and PART."""
    assert import_path(write(tmp_path / "base", startups="id,name\n")).ok


def test_a_startups_sheet_alone_imports_against_the_database(tmp_path, network):
    report = import_path(park_startups(tmp_path / "park.xlsx"), guess=True)
    assert report.ok, report.errors
    atlas = Startup.objects.get(ref="CASA-001")
    assert atlas.founded_on == dt.date(2021, 3, 15)
    assert (atlas.region_id, atlas.legal_form, atlas.ice) == ("MA-04", "SARL_AU", "001234567890123")
    assert Startup.objects.get(ref="CASA-002").region_id == "MA-06"
    assert Startup.objects.get(ref="CASA-003").founded_on == dt.date(2020, 9, 1)
    # The column that is no field of the platform is reported, with the header's row.
    assert [(w.table, w.line, w.column) for w in report.warnings] == [
        ("Startups 2023", 3, "Observations")
    ]


def test_arabic_and_english_headers_in_any_order_and_case(tmp_path, network):
    path = workbook(
        tmp_path / "ar.xlsx",
        {
            "الشركات الناشئة": [
                ["الجهة", "الاسم", "المرجع", "DATE OF CREATION"],
                ["سوس ماسة", "Tamount", "AGA-1", "03/02/2022"],
            ]
        },
    )
    report = import_path(path, guess=True)
    assert report.ok, report.errors
    startup = Startup.objects.get(ref="AGA-1")
    assert (startup.name, startup.region_id, startup.founded_on) == (
        "Tamount",
        "MA-09",
        dt.date(2022, 2, 3),
    )


def test_history_sheets_with_words_amounts_and_countries(tmp_path, network):
    path = workbook(
        tmp_path / "history.xlsx",
        {
            "Startups": [STARTUP_HEADER[:2], ["S-1", "Atlas"], ["S-2", "Argan"]],
            "Accompagnements": [
                ["Startup", "Programme", "Site", "Date d'entrée", "Date de sortie", "Résultat"],
                ["S-1", "INC", "CASA", "01/09/2019", "30/06/2021", "Diplômée"],
                ["S-2", "INC", "CASA", "1/9/2019", "15/01/20", "Abandon"],
            ],
            "Exportations": [
                ["Startup", "Année", "Pays", "Montant"],
                ["S-1", 2022, "Allemagne", "12 500,50 DH"],
                ["S-1", 2023, "السنغال", "1\u202f250\u202f000 MAD"],
            ],
            "Financements": [
                ["Startup", "Date", "Bailleur", "Type de financement", "Montant (MAD)"],
                ["S-2", dt.datetime(2021, 5, 4), "Innov Invest", "Prêt d'honneur", "200 000"],
            ],
        },
    )
    report = import_path(path, guess=True)
    assert report.ok, report.errors
    outcomes = dict(Enrollment.objects.values_list("startup__ref", "outcome"))
    assert outcomes == {"S-1": "graduated", "S-2": "discontinued"}
    assert Enrollment.objects.get(startup__ref="S-2").ended_on == dt.date(2020, 1, 15)
    exports = dict(Export.objects.values_list("country", "amount_mad"))
    assert exports == {"DE": Decimal("12500.50"), "SN": Decimal("1250000.00")}
    funding = Funding.objects.get()
    assert (funding.kind, funding.amount_mad) == ("loan", Decimal("200000.00"))


def test_a_wrong_cell_names_sheet_row_and_header_and_writes_nothing(tmp_path, network):
    path = park_startups(
        tmp_path / "bad.xlsx",
        rows=[
            ["CASA-001", "Atlas Tech", "15/03/21", "Fintech", "Rabat-Salé-Kénitra"],
            ["CASA-002", "Argan Data", "31/02/2021", "Agritech", "Souss-Massa"],
        ],
    )
    report = import_path(path, guess=True)
    assert where(report) == {("Startups 2023", 5, "Date de création")}
    assert not Startup.objects.exists()


def test_a_value_without_a_confident_match_is_refused_with_its_row(tmp_path, network):
    path = park_startups(
        tmp_path / "region.xlsx",
        rows=[
            ["CASA-001", "Atlas", "15/03/21", "Fintech", "Rabat-Salé-Kénitra"],
            ["CASA-002", "Argan", "15/03/21", "Fintech", "Atlantide"],
        ],
    )
    report = import_path(path, guess=True)
    assert where(report) == {("Startups 2023", 5, "Région")}
    assert "MA-04" in report.errors[0].message  # what it expected
    assert not Startup.objects.exists()


def test_a_missing_required_column_is_refused_naming_it(tmp_path, network):
    path = workbook(tmp_path / "noname.xlsx", {"Startups": [["Référence", "Secteur"], ["X", "Y"]]})
    report = import_path(path, guess=True)
    assert where(report) == {("Startups", 1, "name")}
    assert not Startup.objects.exists()


def test_without_guess_the_command_refuses_and_with_guess_prints_the_mapping(
    tmp_path, network, capsys
):
    path = park_startups(tmp_path / "park.xlsx")
    with pytest.raises(CommandError) as refused:
        call_command("import-data", str(path), "--quiet-progress")
    assert refused.value.returncode == 1
    assert not Startup.objects.exists()
    kept = tmp_path / "mapping.json"
    call_command(
        "import-data", str(path), "--guess", "--quiet-progress", "--save-mapping", str(kept)
    )
    out = capsys.readouterr().out
    assert "Startups 2023" in out and "MA-04" in out and "Observations" in out
    assert Startup.objects.count() == 3
    mapping = json.loads(kept.read_text())
    assert mapping["sheets"][0]["table"] == "startups"


def test_guess_refuses_with_exit_one_and_writes_nothing(tmp_path, network, capsys):
    path = park_startups(
        tmp_path / "x.xlsx", rows=[["CASA-9", "Nine", "15/03/21", "Fintech", "Narnia"]]
    )
    with pytest.raises(CommandError) as refused:
        call_command("import-data", str(path), "--guess", "--quiet-progress")
    assert refused.value.returncode == 1
    assert "Narnia" in capsys.readouterr().out
    assert not Startup.objects.exists()


def test_a_kept_mapping_reads_the_next_file_of_the_same_kind(tmp_path, network):
    first = import_path(park_startups(tmp_path / "2023.xlsx"), guess=True, dry_run=True)
    mapping = first.mapping
    # The person confirmed that "Observations" is the sector and "Secteur" is kept aside.
    for column in mapping["sheets"][0]["columns"]:
        if column["header"] == "Observations":
            column.update(field="sector", score=100)
        elif column["header"] == "Secteur":
            column.update(field=None, score=0)
    (tmp_path / "kept.json").write_text(json.dumps(mapping))
    call_command(
        "import-data",
        str(park_startups(tmp_path / "2024.xlsx")),
        "--mapping",
        str(tmp_path / "kept.json"),
        "--quiet-progress",
    )
    assert Startup.objects.get(ref="CASA-001").sector == "Très prometteuse"


def test_a_file_in_the_interchange_format_still_imports_as_before(tmp_path):
    assert import_path(write(tmp_path)).ok
    assert Startup.objects.count() == 3


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15/03/21", dt.date(2021, 3, 15)),
        ("15/03/98", dt.date(1998, 3, 15)),
        ("1/9/2020", dt.date(2020, 9, 1)),
        ("01.09.2020", dt.date(2020, 9, 1)),
        (44270, dt.date(2021, 3, 15)),
        (dt.datetime(2021, 3, 15), dt.date(2021, 3, 15)),
    ],
)
def test_dates_as_people_type_them(typed, day):
    assert messy_date(typed) == day


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12 500,50 DH", "12500.50"),
        ("12\u202f500,50 MAD", "12500.50"),
        ("1.250.000 DH", "1250000"),
        ("1 250 000,00 Dhs", "1250000.00"),
        ("12,5", "12.5"),
        ("2 000 درهم", "2000"),
    ],
)
def test_amounts_as_people_type_them(typed, number):
    assert messy_number(typed) == number


def _people_book(tmp_path):
    return workbook(
        tmp_path / "people.xlsx",
        {
            "Startups": [STARTUP_HEADER[:2], ["S-1", "Atlas"]],
            "Fondateurs et équipe": [
                ["Startup", "Nom et prénom", "E-mail", "Téléphone", "Rôle", "Langue"],
                ["S-1", "Salma Idrissi", "Salma@Atlas.ma", "06 61 00 00 01", "Co-fondatrice", "Arabe"],
                ["S-1", "Karim Benali", "karim@atlas.ma", "", "Développeur", ""],
                ["S-1", "Ahmed Tazi", "ahmed[at]atlas.ma", "", "CTO", "Français"],
            ],
        },
    )  # fmt: skip


def test_a_people_sheet_makes_members_and_invites_each_in_their_language(tmp_path, network):
    from technopark.house.testing import UserFactory
    from technopark.notifications.models import EmailLog
    from technopark.startups.models import Membership

    UserFactory(email="karim@atlas.ma", full_name="Karim B.", language="fr")
    report = import_path(_people_book(tmp_path), guess=True)
    assert report.ok, report.errors
    assert report.people == {
        "invited": ["salma@atlas.ma"],
        "existing": ["karim@atlas.ma"],
        "refused": ["ahmed[at]atlas.ma"],
    }
    assert ("Fondateurs et équipe", 4, "E-mail") in {
        (w.table, w.line, w.column) for w in report.warnings
    }
    members = {
        m.user.email: (m.is_founder, m.title, m.user.language, m.user.full_name)
        for m in Membership.objects.filter(startup__ref="S-1").select_related("user")
    }
    assert members == {
        "salma@atlas.ma": (True, "Co-fondatrice", "ar", "Salma Idrissi"),
        "karim@atlas.ma": (False, "Développeur", "fr", "Karim B."),  # their name kept
    }
    invitation = EmailLog.objects.get(kind="startups.invitation")
    assert (invitation.to_address, invitation.language) == ("salma@atlas.ma", "ar")


def test_a_people_sheet_with_an_unknown_startup_invites_nobody(tmp_path, network):
    from technopark.notifications.models import EmailLog

    path = workbook(
        tmp_path / "p.xlsx",
        {
            "Équipe": [
                ["Startup", "Nom", "E-mail"],
                ["NOPE", "Salma Idrissi", "salma@atlas.ma"],
            ]
        },
    )
    report = import_path(path, guess=True)
    assert ("Équipe", 2, "Startup") in where(report)
    assert not EmailLog.objects.exists()
    from technopark.accounts.models import User

    assert not User.objects.filter(email="salma@atlas.ma").exists()
