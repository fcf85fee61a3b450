"""API: programs and their open calls for applications."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404
from technopark.core.api_names import Texts
from technopark.core.translated import i18n
from technopark.programs.api_plans import router as plans_router
from technopark.programs.permissions import visible_calls, visible_programs

router = Router(tags=["programs"])


class ProgramOut(Schema):
    code: str
    name: str
    kind: str
    operator: str | None
    direct: bool
    stay_limit_years: int
    name_i18n: Texts

    @staticmethod
    def resolve_name_i18n(obj) -> dict[str, str]:
        return i18n(obj)

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


class CallOut(Schema):
    id: int
    title: str
    program: str
    site: str
    opens_on: date
    closes_on: date
    max_company_age_years: int | None
    url: str
    title_i18n: Texts

    @staticmethod
    def resolve_title_i18n(obj) -> dict[str, str]:
        return i18n(obj, "title")

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code

    @staticmethod
    def resolve_site(obj) -> str:
        return obj.site.code

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("programs:call", args=[obj.pk])


@router.get("/calls", response=list[CallOut], summary="Open calls for applications")
@paginate
def calls_list(request, program: str | None = None, site: str | None = None):
    today = timezone.localdate()
    qs = visible_calls(request.user).filter(
        published_at__isnull=False, opens_on__lte=today, closes_on__gte=today
    )
    if program:
        qs = qs.filter(program__code=program)
    if site:
        qs = qs.filter(site__code=site)
    return qs.order_by("closes_on", "pk")


router.add_router("", plans_router)  # enrollments, plans and milestones (api_plans.py)
