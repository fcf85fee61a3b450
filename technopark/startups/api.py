"""API: startups, identified by their reference (the interchange id)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import can, get_visible_or_404, principal
from technopark.startups.permissions import visible_startups
from technopark.startups.selectors import DirectoryFilters, directory

router = Router(tags=["startups"])


def _insiders(request) -> bool | frozenset[int]:
    """True when the caller is staff (of the network, a site, a partner): their directory
    shows every startup they see in full, as `/startups/` does. Anyone else reads in full
    only the startups they belong to; of another listed startup, its name: what it shows
    the public is its own choice, made on its showcase profile (/open/startups/, the
    feed), as the pages do (`startups.views`)."""
    cached = getattr(request, "_tp_insiders", None)
    if cached is None:
        p = principal(request.user)
        cached = True if p.is_staff else frozenset(p.startup_ids)
        request._tp_insiders = cached
    return cached


def _insider(context, startup) -> bool:
    insiders = _insiders(context["request"])
    return insiders is True or startup.pk in insiders


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
    def resolve_region(obj, context) -> str | None:
        # the region's ISO code (MA-06), not the Region object
        return obj.region_id if _insider(context, obj) else None

    @staticmethod
    def resolve_legal_form(obj, context) -> str:
        return obj.legal_form if _insider(context, obj) else ""

    @staticmethod
    def resolve_founded_on(obj, context) -> dt.date | None:
        return obj.founded_on if _insider(context, obj) else None

    @staticmethod
    def resolve_sector(obj, context) -> str:
        return obj.sector if _insider(context, obj) else ""

    @staticmethod
    def resolve_city(obj, context) -> str:
        return obj.city if _insider(context, obj) else ""

    @staticmethod
    def resolve_website(obj, context) -> str:
        return obj.website if _insider(context, obj) else ""


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
    visible = visible_startups(request.user)
    insiders = _insiders(request)
    if insiders is not True and (site or sector or region or program or status):
        # A filter on what an outsider cannot read would tell it: only their own startups.
        visible = visible.filter(pk__in=insiders)
    return directory(visible, filters)


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
