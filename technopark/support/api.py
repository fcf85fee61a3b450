"""API: support requests (market, financing, network access): read by the startup's
members and the staff who handle them; asked by a startup's members, through the same
permission layer and service as the pages."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, principal, require
from technopark.core.api_common import ErrorOut, signed_in_user
from technopark.startups.models import Startup
from technopark.support import services
from technopark.support.models import ServiceRequest
from technopark.support.permissions import visible_requests

router = Router(tags=["support"])


class SupportRequestOut(Schema):
    id: int
    startup: str
    site: str | None
    family: str
    title: str
    text: str
    instrument: str
    amount_requested: Decimal | None
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_startup(obj: ServiceRequest) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_site(obj: ServiceRequest) -> str | None:
        return obj.site.code if obj.site_id else None


class SupportRequestIn(Schema):
    family: str = Field(description="market, financing or network")
    title: str = Field(max_length=200)
    text: str = Field(max_length=10_000)
    instrument: str = ""
    amount_requested: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    startup: str | None = Field(None, description="Your startup's reference (your first one)")


@router.get(
    "/support-requests", response=list[SupportRequestOut], summary="Support requests you may see"
)
@paginate
def support_requests_list(request, status: str = "", family: str = "", startup: str = ""):
    qs = visible_requests(request.user).order_by("-created_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    if family:
        qs = qs.filter(family=family)
    if startup:
        qs = qs.filter(startup__ref=startup)
    return qs


@router.get(
    "/support-requests/{request_id}", response=SupportRequestOut, summary="One support request"
)
def support_request_get(request, request_id: int):
    return get_visible_or_404(visible_requests(request.user), pk=request_id)


@router.post(
    "/support-requests",
    response={201: SupportRequestOut, 400: ErrorOut},
    summary="Ask for support (a startup's members)",
)
def support_request_create(request, payload: SupportRequestIn):
    signed_in_user(request)
    require(request.user, "support.request")
    ids = principal(request.user).startup_ids
    mine = Startup.objects.filter(pk__in=ids).order_by("pk")
    startup = mine.filter(ref=payload.startup).first() if payload.startup else mine.first()
    if startup is None:
        raise Http404
    created = services.request_create(
        startup=startup,
        family=payload.family,
        title=payload.title,
        text=payload.text,
        instrument=payload.instrument,
        amount_requested=payload.amount_requested,
        by=request.user,
    )
    return Status(201, visible_requests(request.user).get(pk=created.pk))
