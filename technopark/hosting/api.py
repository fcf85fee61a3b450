"""API: hosting contracts (leases), read by the startup's members and the staff of the
site. The billing endpoints (invoices, credit notes, payments) are billing's (billing/api.py)."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404
from technopark.hosting.models import Lease
from technopark.hosting.permissions import visible_leases

router = Router(tags=["hosting"])


class ContractOut(Schema):
    id: int
    site: str
    space: str
    startup: str
    status: str
    starts_on: dt.date
    ends_on: dt.date | None
    planned_end: dt.date | None
    signed_on: dt.date | None
    notice_given_on: dt.date | None
    monthly_rent_mad: Decimal | None
    charges_mad: Decimal
    previous: int | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_site(obj: Lease) -> str:
        return obj.site.code

    @staticmethod
    def resolve_space(obj: Lease) -> str:
        return obj.space.code

    @staticmethod
    def resolve_startup(obj: Lease) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_previous(obj: Lease) -> int | None:
        return obj.previous_id


@router.get("/contracts", response=list[ContractOut], summary="Hosting contracts you may see")
@paginate
def contracts_list(request, site: str = "", startup: str = "", status: str = ""):
    qs = visible_leases(request.user).order_by("-starts_on", "-pk")
    if site:
        qs = qs.filter(site__code=site)
    if startup:
        qs = qs.filter(startup__ref=startup)
    if status:
        qs = qs.filter(status=status)
    return qs


@router.get("/contracts/{contract_id}", response=ContractOut, summary="One hosting contract")
def contract_get(request, contract_id: int):
    return get_visible_or_404(visible_leases(request.user), pk=contract_id)
