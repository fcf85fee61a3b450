"""API: a startup's half-year declaration, the same service the form calls."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Router, Schema, Status

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.startups.permissions import visible_startups
from technopark.surveys.services import ExportLine, FundingLine, PatentLine, declaration_submit

router = Router(tags=["declarations"])


class ExportIn(Schema):
    year: int
    country: str = Field(min_length=2, max_length=2)
    amount_mad: Decimal | None = Field(default=None, ge=0)


class PatentIn(Schema):
    filed_on: dt.date
    title: str = Field(min_length=1, max_length=300)
    office: str = "OMPIC"
    reference: str = ""


class FundingIn(Schema):
    obtained_on: dt.date
    source: str = Field(min_length=1, max_length=120)
    amount_mad: Decimal = Field(gt=0)
    kind: str = ""


class DeclarationIn(Schema):
    as_of: dt.date
    direct_jobs: int = Field(ge=0)
    indirect_jobs: int = Field(default=0, ge=0)
    revenue_mad: Decimal | None = Field(default=None, ge=0)
    exports: list[ExportIn] = []
    patents: list[PatentIn] = []
    fundings: list[FundingIn] = []


class DeclarationOut(Schema):
    startup: str
    as_of: dt.date
    direct_jobs: int
    indirect_jobs: int
    revenue_mad: Decimal | None
    exports: int
    patents: int
    fundings: int


@router.post(
    "/startups/{ref}/declarations",
    response={201: DeclarationOut},
    summary="Declare a startup's figures (jobs, revenue, exports, patents, funds raised)",
)
def declaration_create(request, ref: str, payload: DeclarationIn):
    startup = get_visible_or_404(visible_startups(request.user), ref=ref)
    require(request.user, "declaration.submit", startup, view_perm="startup.view_private")
    declaration = declaration_submit(
        startup=startup,
        as_of=payload.as_of,
        direct_jobs=payload.direct_jobs,
        indirect_jobs=payload.indirect_jobs,
        revenue_mad=payload.revenue_mad,
        exports=[ExportLine(e.year, e.country, e.amount_mad) for e in payload.exports],
        patents=[PatentLine(p.filed_on, p.title, p.office, p.reference) for p in payload.patents],
        fundings=[
            FundingLine(f.obtained_on, f.source, f.amount_mad, f.kind) for f in payload.fundings
        ],
        by=request.user,
    )
    return Status(
        201,
        {
            "startup": startup.ref,
            "as_of": declaration.as_of,
            "direct_jobs": declaration.direct_jobs,
            "indirect_jobs": declaration.indirect_jobs,
            "revenue_mad": declaration.revenue_mad,
            "exports": len(payload.exports),
            "patents": len(payload.patents),
            "fundings": len(payload.fundings),
        },
    )
