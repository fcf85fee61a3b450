"""History: events and who came, applications and their decisions, visits to the desks,
brought in from a park's French workbook with the command, as the park kept them.

Kept as the history they are: nothing is announced or e-mailed, no review is asked, no
letter written, and the bilan does not move (it counts none of them).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from technopark.community.models import Event, Registration
from technopark.community.services import registrations_follow_up, registrations_remind
from technopark.desk.models import Desk, WalkIn
from technopark.desk.services import desks_open_standard
from technopark.interchange.importer import import_path
from technopark.interchange.tests.helpers import where, write
from technopark.interchange.tests.workbooks import workbook
from technopark.network.models import Site
from technopark.programs.models import Application, Call, ReviewAssignment

pytestmark = pytest.mark.django_db

FOUNDERS = {
    "Fondateurs": [
        ["Startup", "Nom et prénom", "E-mail", "Fonction"],
        ["S1", "Salma Benali", "salma@atlas.ma", "Fondatrice"],
        ["S2", "Youssef Amrani", "youssef@argan.ma", "Co-fondateur"],
        ["S3", "Nadia Tazi", "nadia@souss.ma", "Fondatrice"],
    ]
}

EVENTS = [
    ["Historique des animations — Technopark Casablanca"],
    [],
    ["Intitulé", "Site", "Date", "Date de fin", "Type", "Lieu", "Remarques"],
    ["Atelier levée de fonds", "CASA", "12/03/2019", None, "Atelier", "Salle Atlas", "complet"],
    ["Demo Day 2021", "CASA", dt.datetime(2021, 6, 24), "25/06/2021", "Demo day", "Auditorium",
     None],
]  # fmt: skip

PRESENCE = [
    ["Événement", "Date", "Site", "Nom et prénom", "E-mail", "Startup", "Présence"],
    ["Atelier levée de fonds", "12/03/2019", "CASA", "Salma Benali", "Salma@Atlas.ma",
     "Atlas Tech", "Présent"],
    ["Atelier levée de fonds", "12/03/2019", "CASA", "Karim Idrissi", "karim@gmail.com",
     "Argan Data", "Absent"],
    ["Demo Day 2021", "24/06/2021", "CASA", "Nadia Tazi", "nadia@souss.ma", "Souss Food", "X"],
    # An event only the attendance list remembers: it is made from its rows.
    ["Formation RGPD et loi 09-08", "05/10/2020", "CASA", "Youssef Amrani", "youssef@argan.ma",
     "Argan Data", "Oui"],
]  # fmt: skip

APPLICATIONS = [
    ["Startup", "Programme", "Site", "Appel", "Date de dépôt", "Date du comité", "Décision",
     "Motifs"],
    ["S1", "INC", "CASA", "2019", "10/01/2019", "28/02/2019", "Retenue", "Équipe solide"],
    ["S2", "INC", "CASA", "2019", "15/01/2019", "28/02/2019", "Refusée",
     "Marché pas encore validé"],
    ["S3", "INC", "CASA", "Appel Agritech 2020", "02/03/2020", None, "Liste d'attente", None],
]  # fmt: skip

VISITS = [
    ["Date de visite", "Guichet", "Site", "Startup", "Objet", "Suite donnée"],
    ["14/05/2019", "OMPIC", "CASA", "S1", "Dépôt de marque", "Récépissé remis"],
    ["03/09/2020", "CNSS", "CASA", "S2", "Affiliation des salariés", None],
    [dt.datetime(2021, 1, 20), "ANAPEC", "CASA", "S1", "Contrat Idmaj", "Dossier complet"],
]  # fmt: skip


@pytest.fixture
def network(tmp_path):
    """Site CASA with its standard desks, startups S1 to S3 and their founders."""
    assert import_path(write(tmp_path / "base")).ok
    desks_open_standard(site=Site.objects.get(code="CASA"), by=None)
    assert import_path(workbook(tmp_path / "fondateurs.xlsx", FOUNDERS), guess=True).ok
    mail.outbox.clear()


def _book(path, **sheets):
    default = {
        "Événements": EVENTS,
        "Liste de présence": PRESENCE,
        "Candidatures": APPLICATIONS,
        "Guichet unique": VISITS,
    }
    return workbook(path, {name: rows for name, rows in (default | sheets).items() if rows})


def _import(path, capsys=None):
    call_command("import-data", str(path), "--guess", "--quiet-progress")


def _bilan():
    from technopark.impact.engine import compute_bilan

    return [
        compute_bilan(as_of=day, site=site)
        for day in (dt.date(2021, 12, 31), timezone.localdate())
        for site in (None, "CASA")
    ]


def test_the_parks_history_comes_in_through_the_command_and_tells_nobody(tmp_path, network):
    _import(_book(tmp_path / "historique.xlsx"))
    # Events with who came: the ones of the events sheet, and the one only a list remembers.
    workshop = Event.objects.get(title="Atelier levée de fonds")
    assert (workshop.kind, workshop.location) == ("workshop", "Salle Atlas")
    assert timezone.localtime(workshop.starts_at).date() == dt.date(2019, 3, 12)
    came = {r.person_email: r.checked_in_at is not None for r in workshop.registrations.all()}
    assert came == {"salma@atlas.ma": True, "karim@gmail.com": False}
    salma = workshop.registrations.get(guest_email="")
    assert salma.user.email == "salma@atlas.ma"  # her own account, not a guest
    karim = workshop.registrations.get(guest_email="karim@gmail.com")
    assert karim.guest_name == "Karim Idrissi (Argan Data)"
    assert workshop.confirmed == 2 and workshop.capacity >= 2
    demo = Event.objects.get(title="Demo Day 2021")
    assert (demo.kind, timezone.localtime(demo.ends_at).date()) == (
        "demo_day",
        dt.date(2021, 6, 25),
    )
    assert demo.registrations.get().checked_in_at == demo.starts_at
    training = Event.objects.get(title="Formation RGPD et loi 09-08")
    assert training.registrations.get().user.email == "youssef@argan.ma"
    # Applications and the committee's decisions, in calls named by year or by title.
    decided = {
        a.startup.ref: (a.call.title, a.status, a.decided_on, a.decision_reasons)
        for a in Application.objects.select_related("call", "startup")
    }
    assert decided == {
        "S1": ("Incubation 2019", "admitted", dt.date(2019, 2, 28), "Équipe solide"),
        "S2": ("Incubation 2019", "declined", dt.date(2019, 2, 28), "Marché pas encore validé"),
        "S3": ("Appel Agritech 2020", "waitlisted", None, ""),
    }
    assert Application.objects.get(startup__ref="S1").applicant.email == "salma@atlas.ma"
    call = Call.objects.get(title="Incubation 2019")
    assert call.state_on(timezone.localdate()) == "closed"
    assert (call.opens_on, call.closes_on) == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert not ReviewAssignment.objects.exists()
    assert Application.objects.get(startup__ref="S1").enrollment is None
    # Visits to the desks, kept as the desks' walk-ins of those days.
    visits = {
        (w.desk.partner, w.startup.ref, timezone.localtime(w.at).date(), w.outcome)
        for w in WalkIn.objects.select_related("desk", "startup")
    }
    assert visits == {
        ("OMPIC", "S1", dt.date(2019, 5, 14), "Dépôt de marque — Récépissé remis"),
        ("CNSS", "S2", dt.date(2020, 9, 3), "Affiliation des salariés"),
        ("ANAPEC", "S1", dt.date(2021, 1, 20), "Contrat Idmaj — Dossier complet"),
    }
    # Nobody was told, and the daily jobs leave these registrations alone.
    assert mail.outbox == []
    for day in (dt.date(2019, 3, 13), dt.date(2021, 6, 26), timezone.localdate()):
        assert registrations_remind(today=day) == 0
        assert registrations_follow_up(today=day) == 0
    assert mail.outbox == []


def test_history_does_not_move_the_bilan(tmp_path, network):
    before = _bilan()
    _import(_book(tmp_path / "historique.xlsx"))
    assert _bilan() == before


def test_an_event_of_the_sheet_is_refused_on_a_second_upload_and_nothing_is_written(
    tmp_path, network
):
    only_events = {"Liste de présence": None, "Candidatures": None, "Guichet unique": None}
    _import(_book(tmp_path / "first.xlsx", **only_events))
    registrations = Registration.objects.count()
    report = import_path(_book(tmp_path / "again.xlsx"), guess=True)
    assert ("Événements", 4, "Intitulé") in where(report)
    assert Event.objects.count() == 2 and Registration.objects.count() == registrations
    assert not Application.objects.exists() and not WalkIn.objects.exists()


WRONG = {
    "Liste de présence": [
        (["Atelier levée de fonds", "12/03/2019", "CASA", "Salma", "salma@atlas.ma", None,
          "Présent"], "E-mail"),  # the same person twice for one event
        (["Atelier", "12/03/2039", "CASA", "Salma", "s@a.ma", None, None], "Date"),
        (["Atelier", "12/03/2019", "RABAT", "Salma", "s@a.ma", None, None], "Site"),
    ],
    "Candidatures": [
        (["S1", "INC", "CASA", "2019", "10/01/2019", None, "Acceptée", None], "Appel"),
        (["S1", "INC", "CASA", "2020", "10/03/2020", "01/03/2020", "Retenue", None],
         "Date du comité"),
        (["S9", "INC", "CASA", "2020", None, None, "Retenue", None], "Startup"),
        (["S1", "INC", "CASA", "Appel printemps", None, None, "Retenue", None], "Date de dépôt"),
    ],
    "Guichet unique": [
        (["14/05/2019", "Douane", "CASA", "S1", "Import", None], "Guichet"),
        (["14/05/2019", "OMPIC", "CASA", "S1", "Encore", None], "Date de visite"),
    ],
}  # fmt: skip


def test_every_wrong_history_row_is_named_by_sheet_row_and_column_and_nothing_is_written(
    tmp_path, network
):
    default = {
        "Liste de présence": PRESENCE,
        "Candidatures": APPLICATIONS,
        "Guichet unique": VISITS,
    }
    sheets, expected = {}, set()
    for sheet, wrong in WRONG.items():
        rows = list(default[sheet])
        for row, column in wrong:
            rows.append(row)
            expected.add((sheet, len(rows), column))
        sheets[sheet] = rows
    report = import_path(_book(tmp_path / "faux.xlsx", **sheets), guess=True)
    assert where(report) == expected
    assert not Event.objects.exists() and not Registration.objects.exists()
    assert not Application.objects.exists() and not WalkIn.objects.exists()


def test_the_command_refuses_with_exit_one_in_the_readers_language(tmp_path, network, capsys):
    rows = [*VISITS, ["14/05/2019", "Douane", "CASA", "S1", "Import", None]]
    with translation.override("fr"), pytest.raises(CommandError) as refused:
        call_command(
            "import-data",
            str(_book(tmp_path / "douane.xlsx", **{"Guichet unique": rows})),
            "--guess",
            "--quiet-progress",
            "--language",
            "fr",
        )
    assert refused.value.returncode == 1
    out = capsys.readouterr().out
    assert "Guichet unique" in out and "Douane" in out
    assert not WalkIn.objects.exists() and not Event.objects.exists()


def test_a_desk_is_named_as_people_write_it(tmp_path, network):
    rows = [VISITS[0], ["14/05/2019", "Guichet OMPIC", "CASA", "S3", None, None]]
    _import(_book(tmp_path / "ompic.xlsx", **{"Guichet unique": rows}))
    visit = WalkIn.objects.get()
    assert visit.desk == Desk.objects.get(site__code="CASA", partner="OMPIC")


def test_a_partner_upload_cannot_bring_in_the_networks_events(tmp_path, network):
    sheets = {"Liste de présence": None, "Candidatures": None}
    report = import_path(
        _book(tmp_path / "partner.xlsx", **sheets), guess=True, operator="reseau-partenaire"
    )
    assert ("Événements", 4, "") in where(report) and ("Guichet unique", 2, "") in where(report)
    assert not Event.objects.exists() and not WalkIn.objects.exists()
