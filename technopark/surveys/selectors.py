"""Reads of the satisfaction answers: one rate across everything, and its breakdowns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from technopark.hosting.models import Lease
from technopark.programs.models import Enrollment
from technopark.surveys.models import SatisfactionAnswer, satisfied_q


@dataclass
class Score:
    label: str
    responses: int
    satisfied: int

    @property
    def rate(self) -> float | None:
        return self.satisfied / self.responses if self.responses else None


def with_site(qs: QuerySet[SatisfactionAnswer]) -> QuerySet[SatisfactionAnswer]:
    """Each answer's site: its startup's latest enrollment site, else its latest lease's."""
    enrollment_site = Enrollment.objects.filter(startup=OuterRef("startup")).order_by("-started_on")
    lease_site = Lease.objects.filter(startup=OuterRef("startup")).order_by("-starts_on")
    return qs.annotate(
        site_name=Coalesce(
            Subquery(enrollment_site.values("site__name")[:1]),
            Subquery(lease_site.values("site__name")[:1]),
        )
    )


def satisfaction_summary(
    qs: QuerySet[SatisfactionAnswer], *, since: dt.date, until: dt.date
) -> dict:
    qs = qs.filter(answered_on__gt=since, answered_on__lte=until)
    agg = Count("pk"), Count("pk", filter=satisfied_q())
    total = qs.aggregate(n=agg[0], s=agg[1])
    channels = dict(SatisfactionAnswer.Channel.choices)

    def group(field: str, label) -> list[Score]:
        rows = qs.values(field).annotate(n=agg[0], s=agg[1]).order_by("-n")
        return [Score(label(r[field]), r["n"], r["s"]) for r in rows]

    return {
        "total": Score("", total["n"], total["s"]),
        "channels": group("channel", lambda v: channels.get(v, v)),
        "subjects": [
            Score(f"{channels.get(r['channel'], r['channel'])} · {r['subject']}", r["n"], r["s"])
            for r in qs.exclude(subject="")
            .values("channel", "subject")
            .annotate(n=agg[0], s=agg[1])
            .order_by("-n", "subject")[:20]
        ],
        "sites": group_sites(qs, agg),
    }


def group_sites(qs, agg) -> list[Score]:
    rows = with_site(qs).values("site_name").annotate(n=agg[0], s=agg[1]).order_by("site_name")
    return [Score(r["site_name"] or "—", r["n"], r["s"]) for r in rows]
