"""Writes about the network's own records: sites and their spaces."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from technopark.core.audit import set_actor
from technopark.network.models import Operator, Site, Space

SPACE_FIELDS = ("code", "name", "kind", "area_m2", "seats", "leasable", "floor")


@transaction.atomic
def site_mark_opened(*, site: Site, opened_on: dt.date, by) -> Site:
    """Record the day a site opened (the pipeline checks it is ready before calling)."""
    with set_actor(by):
        site.opened_on = opened_on
        site.save(update_fields=["opened_on"])
    return site


@transaction.atomic
def spaces_create(*, site: Site, spaces: list[dict], by) -> list[Space]:
    """Create a site's spaces in one write; each dict holds the fields of SPACE_FIELDS."""
    with set_actor(by):
        return Space.objects.bulk_create(
            Space(site=site, **{name: row[name] for name in SPACE_FIELDS if name in row})
            for row in spaces
        )


@transaction.atomic
def operator_create(*, by, **fields) -> Operator:
    """A new operator (a partner structure); the caller has checked its fields."""
    with set_actor(by):
        return Operator.objects.create(**fields)


def site_plan_opening(*, site_id: int, day: dt.date, by) -> None:
    """The planned opening date of a site not yet open (the pipeline's date)."""
    Site.objects.filter(pk=site_id).update(planned_opening=day.isoformat())
