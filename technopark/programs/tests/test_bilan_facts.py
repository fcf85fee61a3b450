"""The bilan's facts (StartupSupport, Headcount and FollowUp links) stay right whoever writes.

After every kind of write (create, save of a stale instance, queryset update, bulk create,
delete, a program's change, the import), the facts the database keeps equal the facts
recomputed here from the records, the slow way.
"""

from __future__ import annotations

import datetime as dt

import pytest

from technopark.house.testing import EnrollmentFactory, ProgramFactory, SiteFactory, StartupFactory
from technopark.programs.models import Enrollment, Program, StartupSupport
from technopark.startups.models import FollowUp, Headcount

pytestmark = pytest.mark.django_db

D = dt.date


def expected() -> dict:
    enrollments = list(
        Enrollment.objects.values_list(
            "startup_id", "started_on", "ended_on", "outcome", "program__direct", "program__kind"
        )
    )
    support: dict[int, tuple] = {}
    exits: dict[int, list[dt.date]] = {}
    for startup, started, ended, outcome, direct, kind in enrollments:
        since, directly, _exited = support.get(startup, (None, None, None))
        support[startup] = (
            min(filter(None, [since, started])),
            min(filter(None, [directly, started if direct else None]), default=None),
            None,
        )
        if kind == Program.Kind.INCUBATION and outcome == Enrollment.Outcome.GRADUATED:
            exits.setdefault(startup, []).append(ended)
    support = {
        s: (since, directly, min(exits.get(s, []), default=None))
        for s, (since, directly, _e) in support.items()
    }
    headcounts = {}
    for h in Headcount.objects.all():
        later = Headcount.objects.filter(startup_id=h.startup_id, as_of__gt=h.as_of)
        since = support.get(h.startup_id, (None,))[0]
        headcounts[h.pk] = (
            min(later.values_list("as_of", flat=True), default=None),
            max(h.as_of, since) if since else None,
        )
    followups = {}
    for f in FollowUp.objects.all():
        later = FollowUp.objects.filter(startup_id=f.startup_id, observed_on__gt=f.observed_on)
        ends = exits.get(f.startup_id, [])
        followups[f.pk] = (
            min(later.values_list("observed_on", flat=True), default=None),
            max((e for e in ends if e <= f.observed_on), default=None),
            min((e for e in ends if e > f.observed_on), default=None),
        )
    return {"support": support, "headcounts": headcounts, "followups": followups}


def stored() -> dict:
    return {
        "support": {
            s: (since, directly, exited)
            for s, since, directly, exited in StartupSupport.objects.values_list(
                "startup_id", "since", "directly_since", "exited_since"
            )
        },
        "headcounts": {
            pk: (superseded, counted)
            for pk, superseded, counted in Headcount.objects.values_list(
                "pk", "superseded_on", "counted_from"
            )
        },
        "followups": {
            pk: (superseded, exit_on, next_exit)
            for pk, superseded, exit_on, next_exit in FollowUp.objects.values_list(
                "pk", "superseded_on", "exit_on", "next_exit_on"
            )
        },
    }


def check():
    assert stored() == expected()


@pytest.fixture
def world():
    site = SiteFactory(code="CASA")
    inc = ProgramFactory(code="INC", kind=Program.Kind.INCUBATION, direct=True)
    pre = ProgramFactory(code="PRE", kind=Program.Kind.PRE_INCUBATION, direct=False)
    return site, inc, pre, StartupFactory(), StartupFactory()


def test_headcounts_link_whatever_the_order_of_writes(world):
    site, inc, pre, a, b = world
    h21 = Headcount.objects.create(startup=a, as_of=D(2021, 12, 31), direct_jobs=3)
    Headcount.objects.create(startup=a, as_of=D(2019, 12, 31), direct_jobs=1)
    h20 = Headcount.objects.create(startup=a, as_of=D(2020, 12, 31), direct_jobs=2)
    Headcount.objects.create(startup=b, as_of=D(2020, 6, 30), direct_jobs=9)
    check()
    assert Headcount.objects.get(pk=h20.pk).superseded_on == D(2021, 12, 31)
    stale = Headcount.objects.get(pk=h21.pk)  # superseded_on None: the latest
    Headcount.objects.create(startup=a, as_of=D(2022, 12, 31), direct_jobs=4)
    stale.direct_jobs = 5
    stale.save()  # writes its stale superseded_on: the database puts it right
    check()
    h20.as_of = D(2023, 6, 30)
    h20.save()
    check()
    Headcount.objects.filter(pk=h20.pk).update(startup=b)
    check()
    Headcount.objects.filter(startup=a, as_of=D(2021, 12, 31)).delete()
    check()
    Headcount.objects.bulk_create(
        [Headcount(startup=s, as_of=D(y, 12, 31), direct_jobs=y % 7) for s in (a, b)
         for y in (2024, 2018, 2025)]
    )  # fmt: skip
    check()
    Headcount.objects.filter(startup=b).delete()
    check()


def test_support_and_headcounts_follow_the_enrollments(world):
    site, inc, pre, a, b = world
    Headcount.objects.create(startup=a, as_of=D(2017, 12, 31), direct_jobs=1)
    Headcount.objects.create(startup=a, as_of=D(2019, 12, 31), direct_jobs=2)
    check()  # no enrollment: no support, the headcounts never count
    assert not StartupSupport.objects.exists()
    first = EnrollmentFactory(startup=a, program=pre, site=site, started_on=D(2018, 3, 1))
    check()
    incubation = EnrollmentFactory(startup=a, program=inc, site=site, started_on=D(2019, 1, 1))
    check()
    assert StartupSupport.objects.get(startup=a).directly_since == D(2019, 1, 1)
    first.started_on = D(2016, 1, 1)
    first.save()
    check()
    Enrollment.objects.filter(pk=incubation.pk).update(startup=b)
    check()
    Program.objects.filter(pk=pre.pk).update(direct=True)
    check()
    pre.refresh_from_db()
    pre.direct = False
    pre.save()
    check()
    Enrollment.objects.filter(startup=a).delete()
    check()
    assert not StartupSupport.objects.filter(startup=a).exists()
    Enrollment.objects.bulk_create(
        [Enrollment(startup=s, program=inc, site=site, started_on=D(2015 + i, 1, 1))
         for i, s in enumerate((a, b, a))]
    )  # fmt: skip
    check()


def test_followups_know_the_exit_they_follow(world):
    site, inc, pre, a, b = world
    for day in (D(2019, 6, 1), D(2021, 6, 1), D(2023, 6, 1)):
        FollowUp.objects.create(startup=a, observed_on=day, status="active")
    check()
    first = EnrollmentFactory(
        startup=a, program=inc, site=site, started_on=D(2018, 1, 1),
        ended_on=D(2019, 6, 1), outcome="graduated",
    )  # fmt: skip
    check()  # an exit on the day of a follow-up: that follow-up follows it
    assert FollowUp.objects.get(observed_on=D(2019, 6, 1)).exit_on == D(2019, 6, 1)
    second = EnrollmentFactory(
        startup=a, program=inc, site=site, started_on=D(2020, 1, 1),
        ended_on=D(2022, 1, 1), outcome="graduated",
    )  # fmt: skip
    check()
    EnrollmentFactory(
        startup=a, program=pre, site=site, started_on=D(2020, 1, 1),
        ended_on=D(2020, 6, 1), outcome="graduated",
    )  # fmt: skip
    check()  # pre-incubation is no exit
    second.outcome = "discontinued"
    second.save()
    check()
    Program.objects.filter(pk=pre.pk).update(kind=Program.Kind.INCUBATION)
    check()
    first.ended_on = D(2020, 12, 31)
    first.save()
    check()
    stale = FollowUp.objects.get(observed_on=D(2021, 6, 1))
    FollowUp.objects.create(startup=a, observed_on=D(2022, 6, 1), status="closed")
    stale.status = "acquired"
    stale.save()
    check()
    FollowUp.objects.filter(observed_on=D(2022, 6, 1)).update(startup=b)
    check()
    FollowUp.objects.bulk_create(
        [FollowUp(startup=s, observed_on=D(2024, m, 1), status="active") for s in (a, b)
         for m in (3, 1)]
    )  # fmt: skip
    check()
    FollowUp.objects.filter(observed_on=D(2023, 6, 1)).delete()
    check()
    Enrollment.objects.filter(pk=first.pk).delete()
    check()


def test_the_import_keeps_the_facts_right():
    from technopark.interchange.importer import import_path
    from technopark.interchange.tests.conftest import SAMPLE

    assert import_path(SAMPLE / "canonical").ok
    facts = stored()
    assert facts == expected()
    assert facts["support"] and facts["headcounts"] and facts["followups"]
    assert any(exit_on for _s, exit_on, _n in facts["followups"].values())
    assert import_path(SAMPLE / "french").ok  # the same records again: nothing moves
    assert stored() == facts


def _writes_of_every_kind(world):
    """Inserts, updates, deletes and a program's change, as a bulk import or a fix makes."""
    site, inc, pre, a, b = world
    for day in (D(2018, 12, 31), D(2020, 12, 31), D(2022, 12, 31)):
        Headcount.objects.create(startup=a, as_of=day, direct_jobs=3)
        FollowUp.objects.create(startup=a, observed_on=day, status="active")
    EnrollmentFactory(startup=a, program=pre, site=site, started_on=D(2018, 3, 1))
    graduated = EnrollmentFactory(
        startup=a, program=inc, site=site, started_on=D(2019, 1, 1),
        ended_on=D(2020, 12, 31), outcome="graduated",
    )  # fmt: skip
    Enrollment.objects.bulk_create(
        [Enrollment(startup=b, program=inc, site=site, started_on=D(2021, 1, 1))]
    )
    Headcount.objects.bulk_create(
        [Headcount(startup=b, as_of=D(2021 + i, 12, 31), direct_jobs=i) for i in range(3)]
    )
    Headcount.objects.filter(startup=b, as_of=D(2022, 12, 31)).delete()
    FollowUp.objects.filter(startup=a, observed_on=D(2022, 12, 31)).update(startup=b)
    Program.objects.filter(pk=pre.pk).update(direct=True)
    graduated.ended_on = D(2021, 6, 30)
    graduated.save()


def test_a_bulk_write_defers_the_facts_to_its_end_and_gets_them_right(world):
    """Inside `bilan_facts_deferred` the triggers only note the startups; at the end of the
    block their facts are computed in one pass and equal what the triggers would give."""
    from django.db import transaction

    from technopark.programs.models import FactsDeferral, FactsPending
    from technopark.programs.services.facts import bilan_facts_deferred

    _site, _inc, _pre, a, b = world
    with transaction.atomic():
        with bilan_facts_deferred():
            _writes_of_every_kind(world)
            assert set(FactsPending.objects.values_list("startup_id", flat=True)) == {a.pk, b.pk}
            assert not StartupSupport.objects.exists()  # not computed yet
            assert stored() != expected()
        check()
        assert not FactsPending.objects.exists() and not FactsDeferral.objects.exists()
    # And after the block the triggers work as before.
    Headcount.objects.create(startup=b, as_of=D(2024, 12, 31), direct_jobs=5)
    check()


def test_a_deferred_write_rolled_back_leaves_nothing(world):
    from django.db import transaction

    from technopark.programs.models import FactsDeferral, FactsPending
    from technopark.programs.services.facts import bilan_facts_deferred

    with transaction.atomic(), bilan_facts_deferred():
        _writes_of_every_kind(world)
        transaction.set_rollback(True)  # a dry run, or an import with errors
    assert not Enrollment.objects.exists() and not Headcount.objects.exists()
    assert not FactsPending.objects.exists() and not FactsDeferral.objects.exists()
    _writes_of_every_kind(world)  # the same writes, not deferred: the triggers still work
    check()
