"""GET /api/v1/bilan: the figures of `kpis.md` as JSON, for the network or one site."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from technopark.accounts.permissions import can
from technopark.core.errors import DomainError
from technopark.core.query import parse_day
from technopark.impact.engine import UnknownScope, compute_bilan, resolve_scope

router = Router(tags=["bilan"])


class BilanOut(Schema):
    as_of: dt.date
    scope: str
    operator: str | None = None
    kpis: dict[str, int | float | None]


class BilanErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


@router.get(
    "/bilan",
    response={200: BilanOut, 400: BilanErrorOut},
    exclude_unset=True,
    summary="The bilan (impact figures) as of a date",
    description="Every figure of the bilan as defined on the methodology page (/bilan/methodology/)"
    ": counts as integers, areas and amounts as numbers, rates between 0 and 1, null when "
    "the denominator is 0. Staff only; a site's bilan for network admins and that site's staff.",
)
def bilan(request, as_of: str = "", site: str = "", operator: str = ""):
    if not can(request.user, "bilan.view", None):
        raise Http404
    day = parse_day(as_of, field="as_of") or dt.date.today()
    try:
        scope = resolve_scope(as_of=day, site=site or None, operator=operator or None)
    except UnknownScope as exc:
        message = (
            _("No site has the code %(code)s.") % {"code": exc.value}
            if exc.kind == "site"
            else _("No operator has the short name %(code)s.") % {"code": exc.value}
        )
        raise DomainError(message, code=f"unknown_{exc.kind}", field=exc.kind) from exc
    if scope.site and not can(request.user, "bilan.view", scope.site):
        raise Http404
    return compute_bilan(as_of=day, site=scope.site, operator=scope.operator)
