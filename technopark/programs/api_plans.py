"""API: enrollments, and the accompaniment plans with their milestones (read by the
startup's members and the program's staff; a milestone added by those who may change the
plan; marked in progress or done, with its evidence, by the startup's own team; validated
or sent back by the program's staff), through the same permission layer and services as
the pages."""

import base64
import binascii
import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.api_common import ErrorOut
from technopark.core.errors import DomainError
from technopark.core.query import check_day
from technopark.programs.models import Enrollment, Milestone, Plan
from technopark.programs.permissions import visible_enrollments, visible_plans
from technopark.programs.services.plans import (
    milestone_add,
    milestone_review,
    milestone_set_status,
    milestone_submit,
)

router = Router(tags=["programs"])


class EnrollmentOut(Schema):
    id: int
    startup: str
    program: str
    site: str
    started_on: dt.date
    ended_on: dt.date | None
    outcome: str
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_startup(obj: Enrollment) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_program(obj: Enrollment) -> str:
        return obj.program.code

    @staticmethod
    def resolve_site(obj: Enrollment) -> str:
        return obj.site.code


class PlanMilestoneOut(Schema):
    id: int
    plan: int
    title: str
    template: int | None
    starts_on: dt.date | None
    due_on: dt.date
    status: str
    done_on: dt.date | None
    evidence_link: str
    evidence_file: bool = Field(description="Whether an evidence file was sent")
    comment: str
    review_comment: str
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_plan(obj: Milestone) -> int:
        return obj.plan_id

    @staticmethod
    def resolve_template(obj: Milestone) -> int | None:
        return obj.template_id

    @staticmethod
    def resolve_evidence_file(obj: Milestone) -> bool:
        return bool(obj.evidence_file)


class PlanOut(Schema):
    id: int
    startup: str
    enrollment: int
    needs: list[str]
    milestones: list[PlanMilestoneOut]
    updated_at: dt.datetime | None

    @staticmethod
    def resolve_startup(obj: Plan) -> str:
        return obj.startup.ref

    @staticmethod
    def resolve_enrollment(obj: Plan) -> int:
        return obj.enrollment_id

    @staticmethod
    def resolve_milestones(obj: Plan) -> list[Milestone]:
        return sorted(obj.milestones.all(), key=lambda m: (m.due_on, m.pk))


class MilestoneStatusIn(Schema):
    status: str = Field(description="planned, in_progress, done or dropped")
    on: dt.date | None = Field(None, description="The day it was done (today when omitted)")


class MilestoneProgressIn(Schema):
    status: str = Field(description="in_progress or done (done waits for the officer)")
    comment: str = Field("", max_length=5000)
    link: str = Field("", max_length=500, description="A link to the evidence (https://…)")
    file_name: str = Field("", max_length=200, description="The evidence file's name")
    file_base64: str = Field("", description="The evidence file, base64-encoded")


class MilestoneReviewIn(Schema):
    decision: str = Field(description="validate or send_back")
    comment: str = Field("", max_length=5000, description="Required to send it back")


class MilestoneIn(Schema):
    title: str = Field(max_length=200)
    due_on: dt.date


@router.get("/enrollments", response=list[EnrollmentOut], summary="Enrollments you may see")
@paginate
def enrollments_list(request, startup: str = "", program: str = "", site: str = ""):
    qs = visible_enrollments(request.user).order_by("-started_on", "-pk")
    if startup:
        qs = qs.filter(startup__ref=startup)
    if program:
        qs = qs.filter(program__code=program)
    if site:
        qs = qs.filter(site__code=site)
    return qs


@router.get("/plans", response=list[PlanOut], summary="Accompaniment plans, with milestones")
@paginate
def plans_list(request, startup: str = ""):
    qs = visible_plans(request.user).prefetch_related("milestones").order_by("-pk")
    if startup:
        qs = qs.filter(startup__ref=startup)
    return qs


@router.post(
    "/plans/{plan_id}/milestones",
    response={201: PlanMilestoneOut, 400: ErrorOut},
    summary="Add a milestone to a plan (its officer, the program's staff)",
)
def plan_milestone_create(request, plan_id: int, payload: MilestoneIn):
    plan = get_visible_or_404(visible_plans(request.user), pk=plan_id)
    require(request.user, "plan.change", plan, view_perm="plan.view")
    check_day(payload.due_on, field="due_on")
    milestone = milestone_add(
        plan=plan, title=payload.title, due_on=payload.due_on, by=request.user
    )
    return Status(201, milestone)


@router.post(
    "/milestones/{milestone_id}/status",
    response={200: PlanMilestoneOut, 400: ErrorOut},
    summary="Mark a milestone planned, in progress, done or dropped",
)
def milestone_status(request, milestone_id: int, payload: MilestoneStatusIn):
    milestones = Milestone.objects.filter(plan__in=visible_plans(request.user))
    milestone = get_visible_or_404(milestones.select_related("plan__enrollment"), pk=milestone_id)
    require(request.user, "plan.change", milestone.plan, view_perm="plan.view")
    check_day(payload.on, field="on")
    return milestone_set_status(
        milestone=milestone, status=payload.status, on=payload.on, by=request.user
    )


def _milestone(request, milestone_id: int) -> Milestone:
    milestones = Milestone.objects.filter(plan__in=visible_plans(request.user))
    return get_visible_or_404(
        milestones.select_related("plan__enrollment__program", "plan__startup"), pk=milestone_id
    )


def _evidence_file(payload: MilestoneProgressIn):
    if not payload.file_base64:
        return None
    try:
        content = base64.b64decode(payload.file_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DomainError(
            _("The file is not valid base64."), code="invalid_file", field="file_base64"
        ) from exc
    return SimpleUploadedFile(payload.file_name or "evidence", content)


@router.post(
    "/milestones/{milestone_id}/progress",
    response={200: PlanMilestoneOut, 400: ErrorOut},
    summary="The startup marks its milestone in progress or done, with evidence",
)
def milestone_progress(request, milestone_id: int, payload: MilestoneProgressIn):
    milestone = _milestone(request, milestone_id)
    require(request.user, "milestone.submit", milestone)
    return milestone_submit(
        milestone=milestone,
        status=payload.status,
        comment=payload.comment,
        link=payload.link,
        file=_evidence_file(payload),
        by=request.user,
    )


@router.post(
    "/milestones/{milestone_id}/review",
    response={200: PlanMilestoneOut, 400: ErrorOut},
    summary="The program's staff validate a milestone or send it back with a comment",
)
def milestone_review_api(request, milestone_id: int, payload: MilestoneReviewIn):
    milestone = _milestone(request, milestone_id)
    require(request.user, "milestone.review", milestone)
    if payload.decision not in ("validate", "send_back"):
        raise DomainError(_("Choose to validate or to send back."), field="decision")
    return milestone_review(
        milestone=milestone,
        validate=payload.decision == "validate",
        comment=payload.comment,
        by=request.user,
    )
