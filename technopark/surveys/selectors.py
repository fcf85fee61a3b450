"""Reads of the satisfaction answers: one rate across everything, and its breakdowns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from technopark.hosting.models import Lease
from technopark.programs.models import Enrollment
from technopark.startups.models import Export, Funding, Patent
from technopark.surveys.models import (
    Campaign,
    CampaignMetric,
    CampaignRequest,
    SatisfactionAnswer,
    satisfied_q,
)


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


def declaration_asks(startup, *, today: dt.date, request=None) -> list[CampaignRequest]:
    """The startup's requests of open declaration campaigns, answered or not (a declaration
    answers them all, and may correct an answer), with the extra figures each campaign asks
    for and the values already given; `request` (an answer link's) is always among them."""
    asked = Q(
        startup=startup,
        campaign__kind=Campaign.Kind.DECLARATION,
        campaign__opens_on__lte=today,
        campaign__closes_on__gte=today,
    )
    if request is not None:
        asked |= Q(pk=request.pk)
    return list(
        CampaignRequest.objects.filter(asked)
        .select_related("campaign")
        .prefetch_related("campaign__metrics", "metric_answers")
        .order_by("campaign__closes_on", "pk")
    )


def pending_requests(startup_ids, *, today: dt.date):
    """What the network still asks of these startups: requests of open campaigns not yet
    answered, soonest deadline first."""
    return (
        CampaignRequest.objects.filter(
            startup_id__in=startup_ids,
            answered_at__isnull=True,
            campaign__opens_on__lte=today,
            campaign__closes_on__gte=today,
        )
        .select_related("campaign", "startup")
        .order_by("campaign__closes_on", "pk")
    )


def campaign_answers(requests: QuerySet[CampaignRequest], campaign: Campaign):
    """A campaign's requests with what answering them gave: the declaration's standard
    figures (exports, patents and funds raised in the year of `as_of`) and the extra ones."""
    year = campaign.as_of.year

    def total(model, field, **where):
        return Subquery(
            model.objects.filter(startup=OuterRef("startup"), **where)
            .values("startup")
            .annotate(t=Sum(field))
            .values("t")[:1]
        )

    return (
        requests.select_related("startup", "site", "program", "declaration")
        .prefetch_related("metric_answers")
        .annotate(
            exports_mad=total(Export, "amount_mad", year=year),
            funds_mad=total(Funding, "amount_mad", obtained_on__year=year),
            patents=Coalesce(
                Subquery(
                    Patent.objects.filter(startup=OuterRef("startup"), filed_on__year=year)
                    .values("startup")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                0,
            ),
        )
    )


def shown_value(value, metric: CampaignMetric, *, raw: bool = False):
    """A metric's value as shown in a table (yes/no in the reader's language), or as typed
    back in the form (`raw`)."""
    if value is None or value == "":
        return "" if raw else None
    if isinstance(value, bool):
        if raw:
            return "yes" if value else "no"
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        if metric.kind == CampaignMetric.Kind.INTEGER:
            return str(int(value)) if raw else int(value)
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        else:
            value = value.normalize()
        return format(value, "f") if raw else value
    return value


def metric_heading(metric: CampaignMetric) -> str:
    label = metric.label_in()
    return f"{label} ({metric.unit})" if metric.unit else label


def metric_cell(request: CampaignRequest, *, metric: CampaignMetric):
    for answer in request.metric_answers.all():
        if answer.metric_id == metric.pk:
            return shown_value(answer.value, metric)
    return None
