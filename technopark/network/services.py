"""Writes about the network's own records: sites and their spaces."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from technopark.core.audit import acts_for_by, set_actor
from technopark.network.models import Operator, Site, SiteBudget, Space

SPACE_FIELDS = ("code", "name", "kind", "area_m2", "seats", "leasable", "floor")
BULK_BATCH = 2000


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


@transaction.atomic
def site_create(*, by=None, **fields) -> Site:
    """A new site of the network; the caller has checked its fields."""
    with set_actor(by):
        return Site.objects.create(**fields)


@transaction.atomic
def spaces_bulk_create(*, rows: list[Space], by=None) -> list[Space]:
    """The bulk path (the demo): save these unsaved spaces of any sites, in batches."""
    with set_actor(by):
        return Space.objects.bulk_create(rows, batch_size=BULK_BATCH)


@transaction.atomic
def site_budgets_bulk_create(*, rows: list[SiteBudget], by=None) -> list[SiteBudget]:
    """The bulk path (the demo): save these unsaved yearly budgets, in batches."""
    with set_actor(by):
        return SiteBudget.objects.bulk_create(rows, batch_size=BULK_BATCH)


@acts_for_by
def site_plan_opening(*, site_id: int, day: dt.date, by) -> None:
    """The planned opening date of a site not yet open (the pipeline's date)."""
    Site.objects.filter(pk=site_id).update(planned_opening=day.isoformat())
