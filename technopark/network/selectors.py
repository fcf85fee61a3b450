"""Reads about a site that span apps: its spaces with their tenants, residents, programs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from technopark.hosting.models import Lease
from technopark.network.models import Site, Space
from technopark.programs.models import Program


def leases_active_on(day: dt.date) -> QuerySet[Lease]:
    """Signed leases covering `day`: starts_on <= day < ends_on (open end: still running)."""
    return (
        Lease.objects.exclude(status=Lease.Status.DRAFT)
        .filter(starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
    )


@dataclass
class SpaceRow:
    space: Space
    lease: Lease | None


@dataclass
class SiteOccupancy:
    leasable_area: Decimal
    leased_area: Decimal
    leasable_count: int
    leased_count: int

    @property
    def rate_by_area(self) -> float | None:
        return float(self.leased_area / self.leasable_area) if self.leasable_area else None

    @property
    def rate_by_count(self) -> float | None:
        return self.leased_count / self.leasable_count if self.leasable_count else None


def site_spaces(site: Site, day: dt.date) -> list[SpaceRow]:
    """Every space of the site with the lease active on `day`, in two queries."""
    active = {
        lease.space_id: lease
        for lease in leases_active_on(day).filter(site=site).select_related("startup")
    }
    return [SpaceRow(space, active.get(space.pk)) for space in site.spaces.all()]


def site_occupancy(rows: list[SpaceRow]) -> SiteOccupancy:
    leasable = [row for row in rows if row.space.leasable]
    let = [row for row in leasable if row.lease is not None]
    return SiteOccupancy(
        leasable_area=sum((row.space.area_m2 for row in leasable), Decimal(0)),
        leased_area=sum((row.space.area_m2 for row in let), Decimal(0)),
        leasable_count=len(leasable),
        leased_count=len(let),
    )


def site_programs(site: Site) -> QuerySet[Program]:
    return (
        Program.objects.filter(Q(sites=site) | Q(enrollments__site=site))
        .distinct()
        .select_related("operator")
    )
