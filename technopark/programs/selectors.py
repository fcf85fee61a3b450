"""Reads spanning several records: the ranking of a call, and the alerts on plans."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet

from technopark.programs.models import (
    Application,
    Call,
    Enrollment,
    Milestone,
    Plan,
    Program,
    ReviewAssignment,
)
from technopark.programs.permissions import managed_calls

# Reviewers disagree when their scores on one criterion are this far apart.
SPREAD_FLAG = 2


def applications_to_decide(user) -> QuerySet[Application]:
    """The applications waiting for a decision of someone who runs calls: submitted or
    interviewed, in the calls they manage. The home counts them, the list shows them."""
    return (
        Application.objects.filter(
            call__in=managed_calls(user).values("pk"),
            status__in=[Application.Status.SUBMITTED, Application.Status.INTERVIEW],
        )
        .select_related("call")
        .order_by("submitted_at", "pk")
    )


def silence_weeks() -> int:
    return getattr(settings, "TECHNOPARK_PLAN_SILENCE_WEEKS", 6)


@dataclass
class RankedApplication:
    application: Application
    score: float | None  # weighted mean on 1–5 of the submitted reviews
    reviews_done: int
    reviews_assigned: int
    spread_criteria: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.spread_criteria)


def ranking(call: Call) -> list[RankedApplication]:
    """Applications under selection, best weighted mean first; the same 3 queries for any size."""
    criteria = {c.pk: c for c in call.criteria.all()}
    total_weight = sum(c.weight for c in criteria.values()) or 1
    applications = (
        call.applications.exclude(status__in=[Application.Status.DRAFT])
        .select_related("applicant")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.prefetch_related("scores"),
            )
        )
    )
    rows = []
    for application in applications:
        done = [a for a in application.assignments.all() if a.submitted_at]
        by_criterion: dict[int, list[int]] = defaultdict(list)
        means = []
        for assignment in done:
            values = {s.criterion_id: s.value for s in assignment.scores.all()}
            for criterion_id, value in values.items():
                by_criterion[criterion_id].append(value)
            means.append(
                sum(values.get(pk, 0) * c.weight for pk, c in criteria.items()) / total_weight
            )
        spread = [
            criteria[pk].label
            for pk, values in by_criterion.items()
            if pk in criteria and max(values) - min(values) >= SPREAD_FLAG
        ]
        rows.append(
            RankedApplication(
                application=application,
                score=round(sum(means) / len(means), 2) if means else None,
                reviews_done=len(done),
                reviews_assigned=len(
                    [a for a in application.assignments.all() if a.withdrawn_at is None]
                ),
                spread_criteria=spread,
            )
        )
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.application.project_name))
    return rows


def ranking_search(
    ranked: list[tuple[int, RankedApplication]], *, q: str = "", status: str = ""
) -> list[tuple[int, RankedApplication]]:
    """The (rank, row) pairs of a ranking whose project or applicant matches `q` and whose
    status is `status` (either may be empty); each keeps its rank in the whole ranking."""
    needle = q.casefold()
    return [
        (rank, row)
        for rank, row in ranked
        if (not status or row.application.status == status)
        and (
            not needle
            or needle in row.application.project_name.casefold()
            or needle in row.application.applicant.get_full_name().casefold()
        )
    ]


# The orders a ranking can be read in (its rank stays the whole ranking's whatever the order).
RANKING_SORTS = ("rank", "project", "reviews_left", "disagreement")


def ranking_sort(
    rows: list[tuple[int, RankedApplication]], sort: str
) -> list[tuple[int, RankedApplication]]:
    """`rows` in the order `sort` names: by rank (the ranking's own order), by project name,
    most reviews still to submit first, or flagged disagreements first."""
    if sort == "project":
        return sorted(rows, key=lambda pair: pair[1].application.project_name.casefold())
    if sort == "reviews_left":
        return sorted(
            rows, key=lambda pair: (pair[1].reviews_done - pair[1].reviews_assigned, pair[0])
        )
    if sort == "disagreement":
        return sorted(rows, key=lambda pair: (-len(pair[1].spread_criteria), pair[0]))
    return sorted(rows, key=lambda pair: pair[0])


def review_table(application: Application) -> list[dict]:
    """Each submitted review's scores, criterion by criterion (for those allowed to see them)."""
    criteria = list(application.call.criteria.all())
    table = []
    for assignment in application.assignments.select_related("reviewer").prefetch_related("scores"):
        values = {s.criterion_id: s.value for s in assignment.scores.all()}
        table.append(
            {
                "assignment": assignment,
                "scores": [values.get(c.pk) for c in criteria],
            }
        )
    return table


@dataclass
class PlanAlerts:
    late: list[Milestone]
    silent: list[tuple[Plan, dt.date | None]]  # plan, date of its last session


def plan_alerts(plans: QuerySet[Plan], today: dt.date) -> PlanAlerts:
    """Late milestones and startups with no coaching session for N weeks, among open plans."""
    plans = plans.filter(enrollment__ended_on__isnull=True)
    late = list(
        Milestone.objects.filter(
            plan__in=plans, status__in=Milestone.OPEN, due_on__lt=today
        ).select_related("plan__startup", "plan__officer", "template")
    )
    threshold = today - dt.timedelta(weeks=silence_weeks())
    silent = []
    for plan in plans.annotate(last_session=Max("sessions__held_on")).select_related(
        "startup", "officer"
    ):
        if plan.last_session is None:
            if plan.enrollment.started_on < threshold:
                silent.append((plan, None))
        elif plan.last_session < threshold:
            silent.append((plan, plan.last_session))
    return PlanAlerts(late=late, silent=silent)


def alerts_by_officer(today: dt.date) -> dict:
    alerts = plan_alerts(Plan.objects.filter(officer__isnull=False), today)
    grouped: dict = defaultdict(lambda: PlanAlerts(late=[], silent=[]))
    for milestone in alerts.late:
        grouped[milestone.plan.officer].late.append(milestone)
    for plan, last in alerts.silent:
        grouped[plan.officer].silent.append((plan, last))
    return dict(grouped)


def site_programs(site) -> QuerySet[Program]:
    """The programs run at a site, or in which a startup is enrolled there.

    Two EXISTS, not joins: joining the site's programs and every enrollment of each
    program, then DISTINCT, read thousands of rows for a dozen programs (12 ms on the
    demo's Casablanca, against 2).
    """
    runs_here = Program.sites.through.objects.filter(site=site, program=OuterRef("pk"))
    enrolled_here = Enrollment.objects.filter(site=site, program=OuterRef("pk"))
    return Program.objects.filter(Q(Exists(runs_here)) | Q(Exists(enrolled_here)))
