"""A site's and an operator's writes say what happened (core/actions.py)."""

from __future__ import annotations

import datetime as dt

from technopark.core.models import Action
from technopark.network.services import (
    operator_ensure,
    site_create,
    site_mark_opened,
    site_plan_opening,
    spaces_create,
)


def test_a_site_created_planned_furnished_and_opened(cast):
    from technopark.network.models import Region, Space

    operator = cast.site.operator
    site = site_create(
        code="FES",
        name="Technopark Fès",
        city="Fès",
        region=Region.objects.get(code="MA-06"),
        operator=operator,
        by=cast.admin,
    )
    site_plan_opening(site_id=site.pk, day=dt.date(2027, 3, 1), by=cast.admin)
    spaces_create(
        site=site,
        spaces=[
            {"code": "B101", "name": "Bureau 101", "kind": Space.Kind.OFFICE, "area_m2": 12},
            {"code": "S1", "name": "Salle 1", "kind": Space.Kind.OFFICE, "area_m2": 30},
        ],
        by=cast.admin,
    )
    site_mark_opened(site=site, opened_on=dt.date(2027, 3, 2), by=cast.admin)
    actions = list(Action.objects.filter(site_id=site.pk).order_by("pk"))
    assert [a.name for a in actions] == [
        "site.created",
        "site.opening_planned",
        "spaces.created",
        "site.opened",
    ]
    assert {a.actor for a in actions} == {cast.admin}
    assert {a.object_id for a in actions} == {str(site.pk)}
    assert actions[1].payload == {"day": "2027-03-01"}
    assert actions[2].payload == {"count": 2, "codes": ["B101", "S1"]}
    assert actions[3].payload == {"opened_on": "2027-03-02"}


def test_an_operator_added_once(cast):
    first = operator_ensure(name="Fondation Atlas", by=cast.admin)
    assert operator_ensure(name="fondation atlas", by=cast.admin) == first
    added = Action.objects.get(name="operator.created")
    assert (added.object_id, added.payload) == (str(first), {"slug": "fondation-atlas"})
