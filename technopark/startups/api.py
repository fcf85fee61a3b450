"""API: startups, identified by their reference (the interchange id)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import can, get_visible_or_404
from technopark.startups.permissions import visible_startups
from technopark.startups.selectors import DirectoryFilters, directory

router = Router(tags=["startups"])


class StartupOut(Schema):
    id: str
    name: str
    legal_form: str
    founded_on: dt.date | None
    sector: str
    city: str
    region: str | None
    website: str
    public: bool

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.ref

    @staticmethod
    def resolve_region(obj) -> str | None:
        return obj.region_id  # the region's ISO code (MA-06), not the Region object


PRIVATE_FIELDS = ("ice", "rc", "email")


class StartupDetailOut(StartupOut):
    ice: str | None = None
    rc: str | None = None
    email: str | None = None


@router.get("/startups", response=list[StartupOut], summary="List the startups you may see")
@paginate
def startups_list(
    request,
    q: str = "",
    site: str = "",
    sector: str = "",
    region: str = "",
    program: str = "",
    status: str = "",
):
    filters = DirectoryFilters(
        q=q, site=site, sector=sector, region=region, program=program, status=status
    )
    return directory(visible_startups(request.user), filters)


@router.get(
    "/startups/{ref}",
    response=StartupDetailOut,
    summary="One startup (private fields for those allowed)",
)
def startup_get(request, ref: str):
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    if not can(request.user, "startup.view_private", startup):
        for field in PRIVATE_FIELDS:  # an unsaved, in-memory blanking for this answer only
            setattr(startup, field, None)
    return startup
