"""Every validation rule of every table, each with the exact table, line and column."""

import pytest

from technopark.interchange.importer import import_path
from technopark.interchange.tests.helpers import where, write
from technopark.startups.models import Startup

pytestmark = pytest.mark.django_db

CASES = [
    # (table, csv text, expected (table, line, column))
    ("sites", "code,name,city,region\nCASA,T,Casablanca,MA-06\nRA BAT,T,Rabat,MA-04\n", ("sites", 3, "code")),
    ("sites", "code,name,city,region\nCASA,T,Casablanca,MA-13\n", ("sites", 2, "region")),
    ("sites", "code,name,city,region\nCASA,,Casablanca,MA-06\n", ("sites", 2, "name")),
    ("sites", "code,name,city,region,opened_on,closed_on\nCASA,T,C,MA-06,2010-01-01,2009-01-01\n", ("sites", 2, "closed_on")),
    ("sites", "code,name,city,region,planned_opening\nCASA,T,C,MA-06,bientôt\n", ("sites", 2, "planned_opening")),
    ("sites", "code,name,city,region\nCASA,T,C,MA-06\nCASA,T2,C,MA-06\n", ("sites", 3, "code")),
    ("spaces", "site,code,kind,area_m2,leasable\nCASA,B1,office,0,true\n", ("spaces", 2, "area_m2")),
    ("spaces", "site,code,kind,area_m2,leasable\nCASA,B1,castle,10,true\n", ("spaces", 2, "kind")),
    ("spaces", "site,code,kind,area_m2,leasable\nNOPE,B1,office,10,true\n", ("spaces", 2, "site")),
    ("spaces", "site,code,kind,area_m2,leasable,seats\nCASA,B1,office,10,true,-1\n", ("spaces", 2, "seats")),
    ("spaces", "site,code,kind,area_m2,leasable\nCASA,B1,office,10,\n", ("spaces", 2, "leasable")),
    ("startups", "id,name,ice\nS1,A,12345\nS2,B,\nS3,C,\n", ("startups", 2, "ice")),
    ("startups", "id,name,ice\nS1,A,001234567890123\nS2,B,001234567890123\nS3,C,\n", ("startups", 3, "ice")),
    ("startups", "id,name,legal_form\nS1,A,GmbH\nS2,B,\nS3,C,\n", ("startups", 2, "legal_form")),
    ("startups", "id,name,region\nS1,A,MA-00\nS2,B,\nS3,C,\n", ("startups", 2, "region")),
    ("startups", "id,name,email\nS1,A,not-an-email\nS2,B,\nS3,C,\n", ("startups", 2, "email")),
    ("startups", "id,name,website\nS1,A,www.example\nS2,B,\nS3,C,\n", ("startups", 2, "website")),
    ("startups", "id,name,founded_on\nS1,A,2020-13-01\nS2,B,\nS3,C,\n", ("startups", 2, "founded_on")),
    ("startups", "id,name\nS1,A\nS2,B\nS3,C\nS1,D\n", ("startups", 5, "id")),
    ("programs", "code,name,kind,direct\nINC,I,incubation,\n", ("programs", 2, "direct")),
    ("programs", "code,name,kind,direct\nINC,I,bootcamp,true\n", ("programs", 2, "kind")),
    ("enrollments", "startup,program,site,started_on\nS9,INC,CASA,2020-01-01\n", ("enrollments", 2, "startup")),
    ("enrollments", "startup,program,site,started_on\nS1,NOPE,CASA,2020-01-01\n", ("enrollments", 2, "program")),
    ("enrollments", "startup,program,site,started_on\nS1,INC,NOPE,2020-01-01\n", ("enrollments", 2, "site")),
    ("enrollments", "startup,program,site,started_on,ended_on,outcome\nS1,INC,CASA,2020-01-01,2020-01-01,graduated\n", ("enrollments", 2, "ended_on")),
    ("enrollments", "startup,program,site,started_on,ended_on,outcome\nS1,INC,CASA,2020-01-01,2021-01-01,\n", ("enrollments", 2, "outcome")),
    ("enrollments", "startup,program,site,started_on,ended_on,outcome\nS1,INC,CASA,2020-01-01,,graduated\n", ("enrollments", 2, "ended_on")),
    ("enrollments", "startup,program,site,started_on,ended_on,outcome\nS1,INC,CASA,2020-01-01,2021-01-01,expelled\n", ("enrollments", 2, "outcome")),
    ("enrollments", "startup,program,site,started_on\nS1,INC,CASA,2020-01-01\nS1,INC,CASA,01/01/2020\n", ("enrollments", 3, "started_on")),
    ("leases", "site,space,startup,starts_on\nCASA,B2,S1,2020-01-01\n", ("leases", 2, "space")),
    ("leases", "site,space,startup,starts_on\nCASA,B9,S1,2020-01-01\n", ("leases", 2, "space")),
    ("leases", "site,space,startup,starts_on\nCASA,B1,S9,2020-01-01\n", ("leases", 2, "startup")),
    ("leases", "site,space,startup,starts_on,ends_on\nCASA,B1,S1,2020-01-01,2019-01-01\n", ("leases", 2, "ends_on")),
    ("leases", "site,space,startup,starts_on,monthly_rent_mad\nCASA,B1,S1,2020-01-01,12.345\n", ("leases", 2, "monthly_rent_mad")),
    ("leases", "site,space,startup,starts_on,ends_on\nCASA,B1,S1,2020-01-01,2021-01-01\nCASA,B1,S2,2020-06-01,\n", ("leases", 3, "starts_on")),
    ("leases", "site,space,startup,starts_on\nCASA,B1,S1,2020-01-01\nCASA,B1,S2,2024-06-01\n", ("leases", 3, "starts_on")),
    ("followups", "startup,observed_on,status\nS1,2022-01-01,thriving\n", ("followups", 2, "status")),
    ("followups", "startup,observed_on,status\nS9,2022-01-01,active\n", ("followups", 2, "startup")),
    ("headcounts", "startup,as_of,direct_jobs\nS1,2022-01-01,-3\n", ("headcounts", 2, "direct_jobs")),
    ("headcounts", "startup,as_of,direct_jobs\nS1,2022-01-01,2.5\n", ("headcounts", 2, "direct_jobs")),
    ("headcounts", "startup,as_of,direct_jobs\nS1,2022-01-01,\n", ("headcounts", 2, "direct_jobs")),
    ("exports", "startup,year,country\nS1,2022,MA\n", ("exports", 2, "country")),
    ("exports", "startup,year,country\nS1,2022,XX\n", ("exports", 2, "country")),
    ("exports", "startup,year,country\nS1,22,FR\n", ("exports", 2, "year")),
    ("patents", "startup,filed_on,title,office\nS1,2022-01-01,Procédé,INPI\n", ("patents", 2, "office")),
    ("patents", "startup,filed_on,title\nS1,2022-01-01,\n", ("patents", 2, "title")),
    ("groupings", "code,kind,name,formed_on,members\nG1,gie,G,2022-01-01,S1\n", ("groupings", 2, "members")),
    ("groupings", "code,kind,name,formed_on,members\nG1,gie,G,2022-01-01,S1;S1\n", ("groupings", 2, "members")),
    ("groupings", "code,kind,name,formed_on,members\nG1,gie,G,2022-01-01,S1;S9\n", ("groupings", 2, "members")),
    ("groupings", "code,kind,name,formed_on,members\nG1,union,G,2022-01-01,S1;S2\n", ("groupings", 2, "kind")),
    ("satisfaction", "startup,answered_on,score\nS1,2022-01-01,6\n", ("satisfaction", 2, "score")),
    ("satisfaction", "startup,answered_on,score\nS1,2022-01-01,0\n", ("satisfaction", 2, "score")),
    ("budgets", "site,year,amount_mad\nCASA,2022,-1\n", ("budgets", 2, "amount_mad")),
    ("budgets", "site,year,amount_mad\nCASA,2022,\n", ("budgets", 2, "amount_mad")),
    ("budgets", "site,year,amount_mad\nNOPE,2022,10\n", ("budgets", 2, "site")),
    ("budgets", "site,year,amount_mad\nCASA,2022,10\nCASA,2022,20\n", ("budgets", 3, "year")),
    ("fundings", "startup,obtained_on,source,amount_mad\nS1,2022-01-01,Intelaka,0\n", ("fundings", 2, "amount_mad")),
    ("fundings", "startup,obtained_on,source,amount_mad,kind\nS1,2022-01-01,Intelaka,10,gift\n", ("fundings", 2, "kind")),
    ("fundings", "startup,obtained_on,source,amount_mad\nS1,2022-01-01,,10\n", ("fundings", 2, "source")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("table", "text", "expected"), CASES, ids=lambda x: "" if "\n" in str(x) else str(x)
)
def test_rule(tmp_path, table, text, expected):
    report = import_path(write(tmp_path, **{table: text}))
    assert where(report) == {expected}, report.errors
    assert all(e.message for e in report.errors)
    assert not Startup.objects.exists()  # all or nothing


def test_every_error_is_listed_not_just_the_first(tmp_path):
    folder = write(
        tmp_path,
        startups="id,name,ice\nS1,,1\nS2,B,\nS3,C,\n",
        headcounts="startup,as_of,direct_jobs\nS1,2022-01-01,-1\nS9,2022-01-01,1\n",
    )
    assert where(import_path(folder)) == {
        ("startups", 2, "name"),
        ("startups", 2, "ice"),
        ("headcounts", 2, "direct_jobs"),
        ("headcounts", 3, "startup"),
    }


def test_a_row_with_an_error_does_not_cascade_into_unknown_references(tmp_path):
    folder = write(
        tmp_path,
        startups="id,name,ice\nS1,A,bad\nS2,B,\nS3,C,\n",
        headcounts="startup,as_of,direct_jobs\nS1,2022-01-01,3\n",
    )
    assert where(import_path(folder)) == {("startups", 2, "ice")}
