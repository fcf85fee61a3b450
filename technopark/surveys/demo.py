"""Demo: a declaration campaign in progress at Casablanca asking three extra figures (answers,
reminders sent; the demo founder's startup still to answer, its bell showing it), an alumni
follow-up, an anonymous yearly survey, and satisfaction answers after services, desks, events
and expert sessions, with comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from technopark.core.demo import DemoContext
from technopark.network.models import Site
from technopark.startups.models import FollowUp, Headcount, Membership
from technopark.surveys.forms import last_period_end
from technopark.surveys.models import Campaign, CampaignRequest, SatisfactionAnswer
from technopark.surveys.services import MetricSpec, declaration_submit, followup_submit
from technopark.surveys.services.campaigns import campaign_targets
from technopark.surveys.services.metrics import metrics_create
from technopark.surveys.services.notices import campaign_requests_notify

SUBJECTS = {
    "service": ["Domiciliation et services", "Coaching marketing", "Accompagnement export"],
    "desk": ["Guichet OMPIC", "Guichet CNSS", "Guichet DGI"],
    "event": ["Demo Day Casablanca", "Atelier levée de fonds", "Rencontre grands comptes"],
    "expert": ["Session juridique", "Session fiscalité", "Revue du business plan"],
}
GOOD = [
    "Très bon accompagnement, réactif et concret.",
    "L'expert a répondu précisément à nos questions.",
    "Démarche réglée en une seule visite, merci.",
    "Des contacts utiles, nous avons signé un premier client.",
    "",
    "",
]
BAD = [
    "Trop d'attente pour obtenir un rendez-vous.",
    "La salle de réunion était souvent indisponible.",
    "Contenu trop général pour notre secteur.",
]
COUNTRIES = ["FR", "SN", "CI", "ES", "BE", "CA", "TN", "US", "DE", "MR"]


def _campaign(ctx, *, kind, title, period, as_of, opened, sites, anonymous=False, first=None):
    campaign = Campaign.objects.create(
        title=title,
        kind=kind,
        period=period,
        as_of=as_of,
        opens_on=opened,
        closes_on=opened + dt.timedelta(days=35),
        anonymous=anonymous,
        created_by=ctx.users.get("site_manager"),
    )
    campaign.sites.set(sites)
    targets = list(campaign_targets(campaign, day=ctx.today).items())
    targets.sort(key=lambda t: t[0] != first)  # the demo founder's startup is asked first
    limit = 40 if ctx.small else 400
    requests = CampaignRequest.objects.bulk_create(
        [
            CampaignRequest(
                campaign=campaign, startup_id=s, site_id=site, program_id=program, sent_on=opened
            )
            for s, (site, program) in targets[:limit]
        ]
    )
    return campaign, requests


def _remind(ctx, requests, opened) -> None:
    """The reminders the daily job would have sent by today, for those still silent."""
    ids = [r.pk for r in requests]
    waiting = CampaignRequest.objects.filter(pk__in=ids, answered_at__isnull=True)
    if ctx.today >= opened + dt.timedelta(days=7):
        waiting.update(reminded_7_on=opened + dt.timedelta(days=7))
    if ctx.today >= opened + dt.timedelta(days=14):
        waiting.update(reminded_14_on=opened + dt.timedelta(days=14))


def _answered_at(ctx, opened: dt.date) -> dt.datetime:
    span = max((ctx.today - opened).days, 1)
    day = opened + dt.timedelta(days=ctx.rng.randrange(0, span))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9 + ctx.rng.randrange(0, 9))))


# The extra figures the open declaration campaign asks for, beyond the standard ones.
METRICS = [
    MetricSpec(
        "Nombre de clients actifs",
        "integer",
        required=True,
        label_ar="عدد العملاء النشطين",
        label_en="Active customers",
    ),
    MetricSpec(
        "Part du chiffre d'affaires à l'export",
        "decimal",
        unit="%",
        required=True,
        label_ar="حصة التصدير من رقم المعاملات",
        label_en="Share of revenue from exports",
    ),
    MetricSpec(
        "Levée de fonds en cours",
        "yesno",
        label_ar="جمع تمويل جارٍ",
        label_en="Fundraising under way",
    ),
]


def _founder_startup_id(ctx) -> int | None:
    founder = ctx.users.get("founder")
    if founder is None:
        return None
    return (
        Membership.objects.filter(user=founder)
        .order_by("startup_id")
        .values_list("startup_id", flat=True)
        .first()
    )


def _tell_founder(request: CampaignRequest) -> None:
    """The founder's startup was reminded twice, as the daily job would have done: its bell
    shows the declaration still due."""
    campaign_requests_notify(request_ids=[request.pk], step="reminder_2")


def _metric_answers(ctx, campaign: Campaign, exports: list) -> dict:
    rng = ctx.rng
    values = {}
    for metric in campaign.metrics.all():
        if metric.kind == "integer":
            values[metric.pk] = rng.randint(3, 180)
        elif metric.kind == "decimal":
            share = Decimal(rng.randrange(5, 70)) if exports else Decimal(0)
            values[metric.pk] = share
        elif rng.random() < 0.8:
            values[metric.pk] = rng.random() < 0.3
    return values


def _declarations(ctx, casa) -> int:
    as_of = last_period_end(ctx.today)
    opened = ctx.today - dt.timedelta(days=16)
    semester = "S1" if as_of.month == 6 else "S2"
    founder_startup = _founder_startup_id(ctx)
    campaign, requests = _campaign(
        ctx,
        kind=Campaign.Kind.DECLARATION,
        title=f"Déclaration semestrielle {semester} {as_of.year}",
        period=f"{as_of.year}-{semester}",
        as_of=as_of,
        opened=opened,
        sites=[casa],
        first=founder_startup,
    )
    metrics_create(campaign, METRICS)
    rng = ctx.rng
    answered = 0
    for request in requests:
        if request.startup_id == founder_startup:
            _tell_founder(request)  # the demo founder still has it to answer
            continue
        if rng.random() > 0.62:
            continue
        last = Headcount.objects.filter(startup_id=request.startup_id).order_by("-as_of").first()
        direct = max(
            1, round((last.direct_jobs if last else rng.randint(2, 8)) * rng.uniform(0.95, 1.2))
        )
        exports = []
        if rng.random() < 0.3:
            for country in rng.sample(COUNTRIES, rng.randint(1, 3)):
                exports.append((as_of.year, country, Decimal(rng.randrange(50, 900) * 1000)))
        from technopark.surveys.services import ExportLine

        declaration_submit(
            startup=request.startup,
            as_of=as_of,
            direct_jobs=direct,
            indirect_jobs=round(direct * rng.uniform(0.2, 0.6)),
            revenue_mad=Decimal(direct * rng.randrange(180, 420) * 1000),
            exports=[ExportLine(*e) for e in exports],
            metrics=_metric_answers(ctx, campaign, exports),
            by=None,
            today=ctx.today,
        )
        CampaignRequest.objects.filter(pk=request.pk).update(answered_at=_answered_at(ctx, opened))
        answered += 1
    _remind(ctx, requests, opened)
    return answered


def _followups(ctx) -> int:
    opened = ctx.today - dt.timedelta(days=9)
    campaign, requests = _campaign(
        ctx,
        kind=Campaign.Kind.FOLLOWUP,
        title=f"Suivi annuel des anciens {ctx.today.year}",
        period=str(ctx.today.year),
        as_of=ctx.today,
        opened=opened,
        sites=[],
    )
    answered = 0
    for request in requests:
        if (
            ctx.rng.random() > 0.45
            or FollowUp.objects.filter(
                startup_id=request.startup_id, observed_on=ctx.today
            ).exists()
        ):
            continue
        status = ctx.rng.choices(["active", "closed", "acquired", "merged"], [80, 12, 6, 2])[0]
        followup_submit(
            request=request,
            status=status,
            direct_jobs=None if status == "closed" else ctx.rng.randint(2, 25),
            observed_on=ctx.today,
        )
        answered += 1
    _remind(ctx, requests, opened)
    return answered


def _satisfaction(ctx, casa) -> int:
    rng = ctx.rng
    opened = ctx.today - dt.timedelta(days=20)
    survey, requests = _campaign(
        ctx,
        kind=Campaign.Kind.SATISFACTION,
        title=f"Enquête de satisfaction {ctx.today.year}",
        period=str(ctx.today.year),
        as_of=ctx.today,
        opened=opened,
        sites=[casa],
        anonymous=True,
    )
    rows = []
    for request in requests:
        if rng.random() < 0.5:
            score = rng.choice((4, 4, 5, 5, 5)) if rng.random() < 0.9 else rng.choice((2, 3))
            rows.append(
                SatisfactionAnswer(
                    startup_id=request.startup_id,
                    answered_on=ctx.today - dt.timedelta(days=rng.randrange(0, 20)),
                    score=score,
                    comment=rng.choice(GOOD if score >= 4 else BAD),
                    channel="survey",
                    subject=survey.title[:120],
                    campaign=survey,
                    anonymous=True,
                )
            )
    startup_ids = [
        r.startup_id for r in CampaignRequest.objects.filter(campaign__kind="declaration")
    ]
    for _i in range(60 if ctx.small else 400):
        if not startup_ids:
            break
        channel = rng.choice(list(SUBJECTS))
        score = rng.choice((4, 5, 5, 4, 5)) if rng.random() < 0.88 else rng.choice((1, 2, 3))
        rows.append(
            SatisfactionAnswer(
                startup_id=rng.choice(startup_ids),
                answered_on=ctx.today - dt.timedelta(days=rng.randrange(1, 180)),
                score=score,
                comment=rng.choice(GOOD if score >= 4 else BAD),
                channel=channel,
                subject=rng.choice(SUBJECTS[channel]),
            )
        )
    SatisfactionAnswer.objects.bulk_create(rows, ignore_conflicts=True)
    answered = {r.startup_id for r in rows if r.campaign_id}
    CampaignRequest.objects.filter(campaign=survey, startup_id__in=answered).update(
        answered_at=timezone.now()
    )
    _remind(ctx, requests, opened)
    return len(rows)


def seed(ctx: DemoContext) -> None:
    casa = (
        Site.objects.filter(code="CASA").first()
        or Site.objects.filter(Q(opened_on__isnull=False)).order_by("opened_on").first()
    )
    if casa is None:
        ctx.log("no site: no campaign")
        return
    declared = _declarations(ctx, casa)
    followed = _followups(ctx)
    satisfaction = _satisfaction(ctx, casa)
    ctx.log(
        f"3 campaigns ({declared} declarations, {followed} alumni follow-ups), "
        f"{satisfaction} satisfaction answers"
    )
