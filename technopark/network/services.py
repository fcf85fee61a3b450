"""Writes about the network's own records: sites and their spaces."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from technopark.core.actions import record
from technopark.core.audit import acts_for_by, set_actor
from technopark.core.bulk import Counts, Record, upsert
from technopark.core.translated import translations_bulk_set
from technopark.network.models import Operator, Site, SiteBudget, Space

SPACE_FIELDS = ("code", "name", "kind", "area_m2", "seats", "leasable", "floor")
BULK_BATCH = 2000


@transaction.atomic
def site_mark_opened(*, site: Site, opened_on: dt.date, by) -> Site:
    """Record the day a site opened (the pipeline checks it is ready before calling)."""
    with set_actor(by):
        site.opened_on = opened_on
        site.save(update_fields=["opened_on"])
    record("site.opened", site, by=by, site=site, payload={"opened_on": opened_on.isoformat()})
    return site


@transaction.atomic
def spaces_create(*, site: Site, spaces: list[dict], by) -> list[Space]:
    """Create a site's spaces in one write; each dict holds the fields of SPACE_FIELDS."""
    with set_actor(by):
        made = Space.objects.bulk_create(
            Space(site=site, **{name: row[name] for name in SPACE_FIELDS if name in row})
            for row in spaces
        )
    payload = {"count": len(made), "codes": [space.code for space in made][:50]}
    record("spaces.created", site, by=by, site=site, payload=payload)
    return made


@transaction.atomic
def operator_create(*, by, **fields) -> Operator:
    """A new operator (a partner structure); the caller has checked its fields."""
    with set_actor(by):
        operator = Operator.objects.create(**fields)
    record("operator.created", operator, by=by, payload={"slug": operator.slug})
    return operator


@transaction.atomic
def site_create(*, by=None, **fields) -> Site:
    """A new site of the network; the caller has checked its fields."""
    with set_actor(by):
        site = Site.objects.create(**fields)
    record("site.created", site, by=by, site=site, payload={"code": site.code})
    return site


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


@transaction.atomic
@acts_for_by
def names_translate(
    *, sites: dict[int, dict[str, str]], spaces: dict[int, dict[str, str]], by=None
) -> int:
    """Set the Arabic and English names of sites and spaces, by id (`{"name_ar": ...}`)."""
    return translations_bulk_set(Site, sites) + translations_bulk_set(Space, spaces)


@transaction.atomic
@acts_for_by
def site_plan_opening(*, site_id: int, day: dt.date, by) -> None:
    """The planned opening date of a site not yet open (the pipeline's date)."""
    Site.objects.filter(pk=site_id).update(planned_opening=day.isoformat())
    site = Site.objects.get(pk=site_id)
    record("site.opening_planned", site, by=by, site=site, payload={"day": day.isoformat()})


# --- Bulk services of the import (validated rows; see core/bulk.py) -----------------------


@acts_for_by
def sites_bulk_upsert(*, records: list[Record], counts: Counts, empty: bool, by=None) -> list[int]:
    """Sites keyed by `code`."""
    return upsert(Site, ("code",), records, counts, empty=empty).pks


@acts_for_by
def spaces_bulk_upsert(*, records: list[Record], counts: Counts, empty: bool, by=None) -> list[int]:
    """Spaces keyed by (site, code)."""
    return upsert(Space, ("site_id", "code"), records, counts, empty=empty).pks


@acts_for_by
def site_budgets_bulk_upsert(
    *, records: list[Record], counts: Counts, empty: bool, by=None
) -> list[int]:
    """Yearly accompaniment budgets keyed by (site, year); the keys of the budgets created
    are not read back (None)."""
    return upsert(
        SiteBudget, ("site_id", "year"), records, counts, empty=empty, returning=False
    ).pks


@acts_for_by
def operator_ensure(*, name: str, by=None) -> int:
    """The operator named `name`, created when new: a short name from its name, and the
    network's own operator when it is settings.TECHNOPARK_OPERATOR."""
    from django.conf import settings
    from django.utils.text import slugify

    existing = Operator.objects.filter(name__iexact=name).values_list("pk", flat=True).first()
    if existing is not None:
        return existing
    base = slugify(name)[:50] or "operator"
    slug, n = base, 1
    while Operator.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    own = name.strip().lower() == settings.TECHNOPARK_OPERATOR.strip().lower()
    operator = operator_create(
        by=by,
        name=name,
        slug=slug,
        kind=Operator.Kind.NETWORK if own else Operator.Kind.OTHER,
        is_network_operator=own,
    )
    return operator.pk
