"""API: programs and their open calls for applications."""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.api_common import ErrorOut
from technopark.core.api_names import Texts
from technopark.core.translated import i18n
from technopark.programs.api_plans import router as plans_router
from technopark.programs.models import Application
from technopark.programs.permissions import (
    visible_applications,
    visible_calls,
    visible_programs,
)
from technopark.programs.services.review import ReviewsMissing, missing_reviews
from technopark.programs.services.selection import application_decide

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


def _staff(obj: Application, context) -> bool:
    """Whether the caller reads it as staff (or reviewer), not as its applicant."""
    request = (context or {}).get("request")
    return request is not None and request.user.pk != obj.applicant_id


class ApplicationOut(Schema):
    id: int
    call: int
    project_name: str
    applicant: str
    status: str
    submitted_at: datetime | None
    decided_on: date | None
    decision_reasons: str
    override_reason: str
    reviews_assigned: int | None = Field(description="Null for the applicant (blind review)")
    reviews_done: int | None = Field(description="Null for the applicant (blind review)")
    reviews_missing: list[str] = Field(
        description="The reviewers whose review is still due (empty for the applicant)"
    )
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_call(obj: Application) -> int:
        return obj.call_id

    @staticmethod
    def resolve_applicant(obj: Application) -> str:
        return obj.applicant.get_full_name()

    @staticmethod
    def resolve_reviews_assigned(obj: Application, context) -> int | None:
        if not _staff(obj, context):
            return None
        return sum(1 for a in obj.assignments.all() if a.withdrawn_at is None)

    @staticmethod
    def resolve_reviews_done(obj: Application, context) -> int | None:
        if not _staff(obj, context):
            return None
        return sum(1 for a in obj.assignments.all() if a.submitted_at and a.withdrawn_at is None)

    @staticmethod
    def resolve_reviews_missing(obj: Application, context) -> list[str]:
        if not _staff(obj, context):
            return []
        return [a.reviewer.get_full_name() for a in missing_reviews(obj)]

    @staticmethod
    def resolve_override_reason(obj: Application, context) -> str:
        return obj.override_reason if _staff(obj, context) else ""

    @staticmethod
    def resolve_url(obj: Application) -> str:
        return reverse("programs:application", args=[obj.pk])


class DecisionIn(Schema):
    decision: str = Field(description="admitted, waitlisted or declined")
    reasons: str = Field("", max_length=4000, description="Told to the applicant in the letter")
    next_steps: str = Field("", max_length=4000)
    override_reason: str = Field(
        "",
        max_length=4000,
        description="Why the committee decides while reviews are missing (kept, shown)",
    )


class ReviewsMissingOut(Schema):
    code: str
    message: str
    missing: list[str] = Field([], description="The reviewers whose review is still due")


@router.get("/applications", response=list[ApplicationOut], summary="Applications you may see")
@paginate
def applications_list(request, call: int | None = None, status: str = ""):
    """An applicant sees their own applications; the staff those of the calls they run; a
    reviewer those assigned to them."""
    qs = visible_applications(request.user).prefetch_related("assignments__reviewer")
    if call:
        qs = qs.filter(call_id=call)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


@router.get("/applications/{application_id}", response=ApplicationOut, summary="One application")
def application_get(request, application_id: int):
    application = get_visible_or_404(visible_applications(request.user), pk=application_id)
    require(request.user, "application.view", application)
    return application


@router.post(
    "/applications/{application_id}/decision",
    response={200: ApplicationOut, 400: ErrorOut, 409: ReviewsMissingOut},
    summary="The committee's decision (waits for the reviews unless override_reason is given)",
)
def application_decision(request, application_id: int, payload: DecisionIn):
    application = get_visible_or_404(visible_applications(request.user), pk=application_id)
    require(request.user, "application.manage", application, view_perm="application.view")
    try:
        decided = application_decide(
            application=application,
            decision=payload.decision,
            by=request.user,
            reasons=payload.reasons,
            next_steps=payload.next_steps,
            override_reason=payload.override_reason,
        )
    except ReviewsMissing as exc:
        return Status(409, {"code": exc.code, "message": exc.message, "missing": exc.missing})
    return decided


router.add_router("", plans_router)  # enrollments, plans and milestones (api_plans.py)
