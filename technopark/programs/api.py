"""API: programs."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404
from technopark.programs.permissions import visible_programs

router = Router(tags=["programs"])


class ProgramOut(Schema):
    code: str
    name: str
    kind: str
    operator: str | None
    direct: bool
    stay_limit_years: int

    @staticmethod
    def resolve_operator(obj) -> str | None:
        return obj.operator.name if obj.operator else None


@router.get("/programs", response=list[ProgramOut], summary="List programs")
@paginate
def programs_list(request, kind: str | None = None):
    qs = visible_programs(request.user).order_by("code")
    return qs.filter(kind=kind) if kind else qs


@router.get("/programs/{code}", response=ProgramOut, summary="One program")
def program_get(request, code: str):
    return get_visible_or_404(visible_programs(request.user), code=code)
