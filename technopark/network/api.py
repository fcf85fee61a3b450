"""API: sites and spaces."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404
from technopark.core.api_names import Texts
from technopark.core.translated import i18n
from technopark.network.permissions import visible_sites, visible_spaces

router = Router(tags=["network"])


class SiteOut(Schema):
    code: str
    name: str
    city: str
    region: str
    operator: str | None
    status: str
    opened_on: dt.date | None
    planned_opening: str
    closed_on: dt.date | None
    name_i18n: Texts

    @staticmethod
    def resolve_name_i18n(obj) -> dict[str, str]:
        return i18n(obj)

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region_id

    @staticmethod
    def resolve_operator(obj) -> str | None:
        return obj.operator.name if obj.operator else None


class SpaceOut(Schema):
    site: str
    code: str
    name: str
    kind: str
    area_m2: Decimal
    seats: int
    leasable: bool
    floor: str
    name_i18n: Texts

    @staticmethod
    def resolve_name_i18n(obj) -> dict[str, str]:
        return i18n(obj)

    @staticmethod
    def resolve_site(obj) -> str:
        return obj.site.code


@router.get("/sites", response=list[SiteOut], summary="List the network's sites")
@paginate
def sites_list(request, status: str | None = None):
    sites = visible_sites(request.user).order_by("code")
    if status:
        return [site for site in sites if site.status == status]
    return sites


@router.get("/sites/{code}", response=SiteOut, summary="One site")
def site_get(request, code: str):
    return get_visible_or_404(visible_sites(request.user), code=code)


@router.get("/spaces", response=list[SpaceOut], summary="List spaces (signed-in users)")
@paginate
def spaces_list(request, site: str | None = None, kind: str | None = None):
    qs = visible_spaces(request.user).order_by("site__code", "code")
    if site:
        qs = qs.filter(site__code=site)
    if kind:
        qs = qs.filter(kind=kind)
    return qs
