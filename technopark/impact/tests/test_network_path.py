"""The network's bilan (network.py, from the facts the database keeps) equals the general
path's (engine.py, from the records alone), figure by figure, on the demo network."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from technopark.impact.definitions import KEYS
from technopark.impact.engine import Scope, compute_bilan, compute_kpis
from technopark.programs.models import Enrollment, Program
from technopark.startups.models import FollowUp, Headcount


def _both(day: dt.date) -> tuple[dict, dict]:
    scope = Scope(as_of=day)
    return compute_kpis(scope), compute_kpis(scope, general=True)


def _days() -> list[dt.date]:
    today = timezone.localdate()
    return [
        today,
        today - dt.timedelta(days=400),
        dt.date(today.year - 2, 12, 31),
        dt.date(today.year - 1, 1, 1),
        dt.date(2024, 2, 29),  # a leap day: a year before is 28 February
        dt.date(2001, 1, 1),
        today + dt.timedelta(days=3000),
    ]


@pytest.mark.parametrize("day", _days(), ids=str)
def test_network_path_gives_the_general_paths_figures(demo_network, db, day):
    fast, general = _both(day)
    assert list(fast) == KEYS
    assert fast == general


def test_network_path_follows_changes_of_the_records(demo_network, db):
    """Records written the way a service, an admin or a script writes them move both
    paths alike: the facts follow."""
    today = timezone.localdate()
    program = Program.objects.filter(kind=Program.Kind.INCUBATION).first()
    enrollment = Enrollment.objects.filter(program=program).order_by("pk").first()
    Enrollment.objects.filter(pk=enrollment.pk).update(
        started_on=dt.date(2000, 1, 1), ended_on=today - dt.timedelta(days=30),
        outcome=Enrollment.Outcome.GRADUATED,
    )  # fmt: skip
    FollowUp.objects.create(
        startup_id=enrollment.startup_id, observed_on=today - dt.timedelta(days=1), status="closed"
    )
    Headcount.objects.create(
        startup_id=enrollment.startup_id, as_of=today - dt.timedelta(days=2), direct_jobs=77
    )
    Program.objects.filter(pk=program.pk).update(direct=not program.direct)
    for day in (today, today - dt.timedelta(days=15), dt.date(2000, 6, 1)):
        fast, general = _both(day)
        assert fast == general


def test_the_network_bilan_is_seven_queries(demo_network, db, django_assert_num_queries):
    with django_assert_num_queries(7):
        compute_bilan(as_of=timezone.localdate())
