"""API: the regions' figures and the partner directory (public), the pipeline and scenarios
(network staff)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.api_common import ErrorOut
from technopark.core.api_paging import stable
from technopark.core.query import check_day
from technopark.federation.permissions import public_partners, visible_projects
from technopark.federation.scenario import project_site
from technopark.federation.selectors import partners_with_counts, region_rows
from technopark.network.permissions import visible_sites

router = Router(tags=["federation"])


class RegionOut(Schema):
    code: str
    name: str
    startups_supported: int
    residents: int
    applications_received: int
    applications_admitted: int
    waiting: int
    leasable_area_m2: Decimal
    leasable_spaces: int
    seats: int
    demand: int
    gap: int
    open_sites: list[str]
    sites_being_built: list[str]


class PartnerOut(Schema):
    slug: str
    name: str
    kind: str
    city: str
    region: str | None
    website: str
    programs: list[str]
    startups_accompanied: int


class MilestoneOut(Schema):
    kind: str
    planned_on: dt.date
    actual_on: dt.date | None
    status: str


class ProjectOut(Schema):
    site: str
    name: str
    region: str
    planned_opening_on: dt.date
    budget_mad: Decimal
    opened_on: dt.date | None
    milestones: list[MilestoneOut]
    checklist_done: int
    checklist_total: int
    planned_leasable_m2: Decimal


class YearOut(Schema):
    year: int
    operating_year: int
    occupancy: float
    residents: int
    leased_m2: int
    intake: int
    absorbed: int
    unmet: int


class StepOut(Schema):
    title: str
    explanation: str
    inputs: list[tuple[str, str]]
    formula: str
    result: str
    notes: list[str]


class ScenarioOut(Schema):
    site: str
    area_m2: int
    year: int
    years: list[YearOut]
    steps: list[StepOut]


@router.get(
    "/federation/regions",
    response={200: list[RegionOut], 400: ErrorOut},
    summary="Demand and capacity by region",
)
@paginate
def regions(request, as_of: dt.date | None = None):
    check_day(as_of, field="as_of")
    return [
        {
            "code": row.region.code,
            "name": row.region.name,
            "startups_supported": row.supported,
            "residents": row.residents,
            "applications_received": row.applications_received,
            "applications_admitted": row.applications_admitted,
            "waiting": row.waiting,
            "leasable_area_m2": row.leasable_area_m2,
            "leasable_spaces": row.leasable_units,
            "seats": row.seats,
            "demand": row.demand,
            "gap": row.gap,
            "open_sites": [s.code for s in row.open_sites],
            "sites_being_built": [s.code for s in row.planned_sites],
        }
        for row in region_rows(as_of or timezone.localdate())
    ]


@router.get("/federation/partners", response=list[PartnerOut], summary="The partner directory")
@paginate
def partners(request):
    return [
        {
            "slug": p.slug,
            "name": p.name,
            "kind": p.kind,
            "city": p.city,
            "region": p.region_id,
            "website": p.website,
            "programs": [program.code for program in p.programs.all()],
            "startups_accompanied": p.startup_count,
            "updated_at": p.updated_at,
        }
        for p in partners_with_counts(public_partners()).order_by("name", "pk")
    ]


@router.get("/federation/pipeline", response=list[ProjectOut], summary="Sites being built")
@paginate
def pipeline(request):
    require(request.user, "federation.network_staff", view_perm="federation.network_staff")
    projects = stable(visible_projects(request.user)).prefetch_related(
        "milestones", "checklist", "planned_spaces"
    )
    return [
        {
            "site": p.site.code,
            "name": p.site.name,
            "region": p.site.region_id,
            "planned_opening_on": p.planned_opening_on,
            "budget_mad": p.budget_mad,
            "opened_on": p.site.opened_on,
            "milestones": sorted(p.milestones.all(), key=lambda m: m.order),
            "checklist_done": sum(1 for item in p.checklist.all() if item.done),
            "checklist_total": len(p.checklist.all()),
            "updated_at": p.updated_at,
            "planned_leasable_m2": sum(
                (s.area_m2 for s in p.planned_spaces.all() if s.leasable), Decimal(0)
            ),
        }
        for p in projects
    ]


@router.get(
    "/federation/scenario", response=ScenarioOut, summary="Project a new site from the history"
)
def scenario(request, site: str, area_m2: int, year: int):
    require(request.user, "federation.network_staff", view_perm="federation.network_staff")
    target = get_visible_or_404(visible_sites(request.user), code=site)
    result = project_site(site=target, area_m2=area_m2, year=year, today=timezone.localdate())
    return {
        "site": target.code,
        "area_m2": result.area_m2,
        "year": result.year,
        "years": result.years,
        "steps": result.steps,
    }
