"""Upserts, all or nothing, references to the database, leases against the database, and
uploads restricted to a partner's own records."""

import datetime as dt

import pytest
from django.db import connection

from technopark.hosting.models import Lease
from technopark.house.testing import LeaseFactory, SpaceFactory, StartupFactory
from technopark.interchange.importer import import_path
from technopark.interchange.tests.helpers import where, write
from technopark.network.models import Operator, Site
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import Grouping, Headcount, Startup
from technopark.surveys.models import SatisfactionAnswer

pytestmark = pytest.mark.django_db


def test_one_bad_row_writes_nothing_at_all(tmp_path):
    folder = write(
        tmp_path,
        headcounts="startup,as_of,direct_jobs\nS1,2022-01-01,3\nS2,2022-01-01,-1\n",
    )
    report = import_path(folder)
    assert where(report) == {("headcounts", 3, "direct_jobs")}
    assert not Site.objects.exists()
    assert not Startup.objects.exists()
    assert not Operator.objects.exists()
    assert not Headcount.objects.exists()


def test_dry_run_counts_but_writes_nothing(tmp_path):
    report = import_path(write(tmp_path), dry_run=True)
    assert report.ok
    assert report.counts["startups"].created == 3
    assert not Startup.objects.exists()


def test_import_twice_changes_nothing_and_a_changed_row_is_updated(tmp_path):
    folder = write(tmp_path, headcounts="startup,as_of,direct_jobs\nS1,2022-01-01,3\n")
    first = import_path(folder)
    assert first.ok and first.counts["headcounts"].created == 1
    again = import_path(folder)
    assert again.ok and again.changed == 0
    write(tmp_path, headcounts="startup,as_of,direct_jobs\nS1,2022-01-01,5\n")
    changed = import_path(folder)
    assert changed.counts["headcounts"].updated == 1
    assert changed.counts["headcounts"].samples_updated[0]["changes"] == ["direct_jobs"]
    assert changed.counts["startups"].unchanged == 3
    assert Headcount.objects.get().direct_jobs == 5


def test_an_absent_optional_column_leaves_the_field_alone(tmp_path):
    import_path(write(tmp_path, startups="id,name,sector\nS1,A,Fintech\nS2,B,\nS3,C,\n"))
    report = import_path(write(tmp_path, startups="id,name\nS1,A\nS2,B\nS3,C\n"))
    assert report.changed == 0
    assert Startup.objects.get(ref="S1").sector == "Fintech"


def test_mapping_to_the_models(tmp_path, settings):
    settings.TECHNOPARK_OPERATOR = "MITC"
    folder = write(
        tmp_path,
        sites="code,name,city,region,operator,opened_on,planned_opening\n"
        "CASA,T,Casablanca,MA-06,MITC,2001-10-01,\nFES,T,Fès,MA-03,MITC,,01/09/2027\n",
        leases="site,space,startup,starts_on,ends_on\n"
        "CASA,B1,S1,2020-01-01,2021-01-01\nCASA,B1,S2,2021-01-01,\n",
        satisfaction="startup,answered_on,score,comment\nS1,2022-05-04,5,Très bien\n",
    )
    assert import_path(folder).ok
    mitc = Operator.objects.get(name="MITC")
    assert mitc.is_network_operator and mitc.slug == "mitc"
    partner = Operator.objects.get(name="Réseau partenaire")
    assert not partner.is_network_operator
    assert Program.objects.get(code="PART").operator == partner
    assert Site.objects.get(code="FES").planned_opening == "2027-09-01"
    statuses = dict(Lease.objects.values_list("startup__ref", "status"))
    assert statuses == {"S1": Lease.Status.ENDED, "S2": Lease.Status.ACTIVE}
    answer = SatisfactionAnswer.objects.get()
    assert (answer.channel, answer.subject, answer.score) == ("survey", "", 5)


def test_references_to_records_already_in_the_database(tmp_path):
    assert import_path(write(tmp_path)).ok
    folder = write(
        tmp_path / "later",
        sites=None,
        spaces=None,
        startups="id,name\n",
        programs="code,name,kind,direct\n",
        sites_="",
    )
    (folder / "sites_.csv").unlink()
    (folder / "sites.csv").write_text("code,name,city,region\n")
    (folder / "enrollments.csv").write_text(
        "startup,program,site,started_on\nS1,INC,CASA,2020-01-01\nS4,INC,CASA,2020-01-01\n"
    )
    report = import_path(folder)
    assert where(report) == {("enrollments", 3, "startup")}
    (folder / "enrollments.csv").write_text(
        "startup,program,site,started_on\nS1,INC,CASA,2020-01-01\n"
    )
    assert import_path(folder).ok
    assert Enrollment.objects.get().startup.ref == "S1"


def test_a_lease_overlapping_one_in_the_database_is_refused(tmp_path):
    assert import_path(write(tmp_path)).ok
    space = Site.objects.get(code="CASA").spaces.get(code="B1")
    LeaseFactory(space=space, startup=StartupFactory(ref="OLD"), starts_on=dt.date(2019, 1, 1))
    report = import_path(
        write(
            tmp_path,
            leases="site,space,startup,starts_on,ends_on\nCASA,B1,S1,2022-01-01,2023-01-01\n",
        )
    )
    assert where(report) == {("leases", 2, "starts_on")}
    assert "OLD" in report.errors[0].message and "database" in report.errors[0].message


def test_a_draft_lease_in_the_database_does_not_block(tmp_path):
    assert import_path(write(tmp_path)).ok
    space = Site.objects.get(code="CASA").spaces.get(code="B1")
    LeaseFactory(space=space, starts_on=dt.date(2019, 1, 1), status=Lease.Status.DRAFT)
    text = "site,space,startup,starts_on\nCASA,B1,S1,2022-01-01\n"
    assert import_path(write(tmp_path, leases=text)).ok


def test_leases_back_to_back_do_not_overlap(tmp_path):
    text = (
        "site,space,startup,starts_on,ends_on\n"
        "CASA,B1,S1,2020-01-01,2021-01-01\nCASA,B1,S2,2021-01-01,2022-01-01\nCASA,B1,S3,2022-01-01,\n"
    )
    assert import_path(write(tmp_path, leases=text)).ok
    assert Lease.objects.count() == 3


def test_the_database_refuses_overlaps_even_behind_the_checks(db):
    """The last line of defence the bulk writes rely on."""
    from django.db import IntegrityError, transaction

    space = SpaceFactory()
    LeaseFactory(space=space, starts_on=dt.date(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Lease.objects.bulk_create(
            [
                Lease(
                    space=space,
                    site=space.site,
                    startup=StartupFactory(),
                    starts_on=dt.date(2021, 1, 1),
                )
            ]
        )
    assert connection.vendor in ("sqlite", "postgresql")


def test_grouping_members_are_replaced_on_update(tmp_path):
    text = "code,kind,name,formed_on,members\nG1,gie,G,2022-01-01,S1;S2\n"
    assert import_path(write(tmp_path, groupings=text)).ok
    report = import_path(write(tmp_path, groupings=text.replace("S1;S2", "S2;S3")))
    assert report.counts["groupings"].updated == 1
    assert sorted(Grouping.objects.get().members.values_list("ref", flat=True)) == ["S2", "S3"]


# --- partner uploads --------------------------------------------------------------------------


@pytest.fixture
def network(tmp_path):
    """The base network with S1 in the network's program and S2 in the partner's."""
    folder = write(
        tmp_path / "network",
        enrollments="startup,program,site,started_on\nS1,INC,CASA,2020-01-01\nS2,PART,CASA,2020-01-01\n",
    )
    assert import_path(folder).ok
    return Operator.objects.get(name="Réseau partenaire")


def _partner_upload(tmp_path, **tables):
    base = {
        "sites": None,
        "spaces": None,
        "startups": "id,name\n",
        "programs": "code,name,kind,operator,direct\n",
    }
    return write(tmp_path / "partner", **{**base, **tables})


def test_partner_upload_of_its_own_records(tmp_path, network):
    folder = _partner_upload(
        tmp_path,
        startups="id,name\nS2,Argan Data v2\nS7,New One\n",
        programs="code,name,kind,operator,direct\nPART2,Accélération,acceleration,Réseau partenaire,false\n",
        enrollments="startup,program,site,started_on\nS7,PART2,CASA,2023-01-01\n",
        headcounts="startup,as_of,direct_jobs\nS2,2023-01-01,4\nS7,2023-06-01,2\n",
    )
    report = import_path(folder, operator=network.slug)
    assert report.errors == []
    assert Startup.objects.get(ref="S2").name == "Argan Data v2"
    assert Program.objects.get(code="PART2").operator == network


def test_partner_upload_touching_other_records_is_refused(tmp_path, network):
    folder = _partner_upload(
        tmp_path,
        startups="id,name\nS1,Hijacked\n",
        programs="code,name,kind,operator,direct\nINC,Mine now,incubation,Réseau partenaire,false\n",
        enrollments="startup,program,site,started_on\nS2,INC,CASA,2023-01-01\n",
        headcounts="startup,as_of,direct_jobs\nS1,2023-01-01,4\n",
        budgets="site,year,amount_mad\nCASA,2023,10\n",
    )
    (folder / "sites.csv").write_text("code,name,city,region\nCASA,T,C,MA-06\n")
    report = import_path(folder, operator=network.slug)
    assert where(report) == {
        ("sites", 2, ""),
        ("startups", 2, "id"),
        ("programs", 2, "code"),
        ("enrollments", 2, "program"),
        ("headcounts", 2, "startup"),
        ("budgets", 2, ""),
    }
    assert Startup.objects.get(ref="S1").name == "Atlas Tech"


def test_unknown_partner(tmp_path, network):
    report = import_path(_partner_upload(tmp_path), operator="nobody")
    assert not report.ok


def test_a_lease_under_notice_stays_under_notice_and_a_handed_back_one_ends(tmp_path):
    text = "site,space,startup,starts_on,ends_on\nCASA,B1,S1,2020-01-01,\n"
    assert import_path(write(tmp_path, leases=text)).ok
    Lease.objects.update(status=Lease.Status.NOTICE)
    assert import_path(write(tmp_path, leases=text)).changed == 0
    assert Lease.objects.get().status == Lease.Status.NOTICE
    report = import_path(write(tmp_path, leases=text.replace(",\n", ",2023-01-01\n")))
    assert report.counts["leases"].samples_updated[0]["changes"] == ["ends_on", "status"]
    lease = Lease.objects.get()
    assert (lease.status, lease.ends_on) == (Lease.Status.ENDED, dt.date(2023, 1, 1))


def test_partner_upload_cannot_enroll_a_startup_of_the_network(tmp_path, network):
    """S1 follows the network's own program: enrolling it in the partner's program would
    hand the partner its private records and let the upload overwrite them."""
    folder = _partner_upload(
        tmp_path,
        startups="id,name\nS1,Hijacked\n",
        enrollments="startup,program,site,started_on\nS1,PART,CASA,2023-01-01\n",
        headcounts="startup,as_of,direct_jobs\nS1,2023-01-01,400\n",
    )
    report = import_path(folder, operator=network.slug)
    assert where(report) == {
        ("startups", 2, "id"),
        ("enrollments", 2, "startup"),
        ("headcounts", 2, "startup"),
    }
    assert "S1 is not enrolled in a program of Réseau partenaire" in report.errors[0].message
    s1 = Startup.objects.get(ref="S1")
    assert s1.name == "Atlas Tech"
    assert not Enrollment.objects.filter(startup=s1, program__code="PART").exists()
    assert not Headcount.objects.filter(startup=s1).exists()


def test_partner_upload_cannot_take_over_a_grouping_of_the_network(tmp_path, network):
    assert import_path(
        write(
            tmp_path / "g",
            groupings="code,kind,name,formed_on,members\nG1,gie,G,2022-01-01,S1;S3\n",
        )
    ).ok
    folder = _partner_upload(
        tmp_path,
        startups="id,name\nS7,New One\n",
        enrollments="startup,program,site,started_on\nS7,PART,CASA,2023-01-01\n",
        groupings="code,kind,name,formed_on,members\nG1,gie,Mine,2022-01-01,S2;S7\n",
    )
    report = import_path(folder, operator=network.slug)
    assert where(report) == {("groupings", 2, "code")}
    assert sorted(Grouping.objects.get().members.values_list("ref", flat=True)) == ["S1", "S3"]


def test_partner_upload_lets_only_spaces_of_its_own_sites(tmp_path, network):
    folder = _partner_upload(
        tmp_path, leases="site,space,startup,starts_on\nCASA,B1,S2,2023-01-01\n"
    )
    report = import_path(folder, operator=network.slug)
    assert where(report) == {("leases", 2, "site")}
    assert not Lease.objects.exists()
    Site.objects.filter(code="CASA").update(operator=network)
    assert import_path(folder, operator=network.slug).ok
    assert Lease.objects.get().startup.ref == "S2"
