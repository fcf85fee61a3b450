"""Campaigns: who is asked, the requests and reminders (days 7 and 14), then the officer.

Each step is recorded once on the request row by a conditional UPDATE, so running the
daily job twice, or twice at the same time, never sends a reminder twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import Role
from technopark.accounts.permissions import principal
from technopark.core.actions import record
from technopark.core.errors import DomainError
from technopark.hosting.selectors import leases_active_on
from technopark.network.models import Site
from technopark.programs.models import Enrollment, Program
from technopark.surveys.models import Campaign, CampaignRequest, Declaration
from technopark.surveys.services.metrics import MetricSpec, metrics_create
from technopark.surveys.services.notices import (
    campaign_requests_notify,
    officer_digest_send,
    request_notices_read,
)

FIRST_REMINDER = 7
SECOND_REMINDER = 14
OFFICER_AFTER = 21


def campaign_targets(campaign: Campaign, *, day: dt.date) -> dict[int, tuple[int, int | None]]:
    """startup id -> (site id, program id) of the startups the campaign asks."""
    site_ids = [s.pk for s in campaign.sites.all()]
    program_ids = [p.pk for p in campaign.programs.all()]
    enrollments = Enrollment.objects.filter(started_on__lte=day)
    if site_ids:
        enrollments = enrollments.filter(site_id__in=site_ids)
    if program_ids:
        enrollments = enrollments.filter(program_id__in=program_ids)
    running = enrollments.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    leases = leases_active_on(day)
    if site_ids:
        leases = leases.filter(site_id__in=site_ids)
    targets: dict[int, tuple[int, int | None]] = {}
    if campaign.kind == Campaign.Kind.FOLLOWUP:
        still_here = set(running.values_list("startup_id", flat=True)) | set(
            leases_active_on(day).values_list("startup_id", flat=True)
        )
        ended = enrollments.filter(ended_on__lte=day).order_by("startup_id", "ended_on")
        for startup_id, site_id, program_id in ended.values_list(
            "startup_id", "site_id", "program_id"
        ):
            if startup_id not in still_here:
                targets[startup_id] = (site_id, program_id)  # the latest exit wins
        return targets
    for startup_id, site_id, program_id in running.order_by("started_on").values_list(
        "startup_id", "site_id", "program_id"
    ):
        targets[startup_id] = (site_id, program_id)
    if not program_ids:
        for startup_id, site_id in leases.values_list("startup_id", "site_id"):
            targets.setdefault(startup_id, (site_id, None))
    return targets


def _send(request_ids: list[int], step: str) -> None:
    """Tell the startups once the step is recorded (outside the transaction that claimed it)."""
    if request_ids:
        transaction.on_commit(
            partial(campaign_requests_notify, request_ids=list(request_ids), step=step)
        )


def requests_answered(*, ids: list[int], declaration: Declaration | None = None) -> int:
    """Record the answer of these requests (once) and mark read what asked for them."""
    ids = list(ids)
    if not ids:
        return 0
    answered = CampaignRequest.objects.filter(pk__in=ids, answered_at__isnull=True).update(
        answered_at=timezone.now()
    )
    if declaration is not None:
        CampaignRequest.objects.filter(pk__in=ids).update(declaration=declaration)
    request_notices_read(ids)
    return answered


@transaction.atomic
def campaign_open(
    *,
    title: str,
    kind: str,
    period: str,
    as_of: dt.date,
    opens_on: dt.date,
    closes_on: dt.date,
    sites: list[Site] | None = None,
    programs: list[Program] | None = None,
    anonymous: bool = False,
    metrics: list[MetricSpec] | tuple = (),
    by,
    today: dt.date | None = None,
) -> Campaign:
    """Open a campaign and, when it opens today or earlier, send the requests.

    A declaration campaign may ask for extra figures (`metrics`) beyond the standard ones."""
    today = today or timezone.localdate()
    sites = list(sites or [])
    p = principal(by) if by is not None else None  # None: the platform's own yearly campaigns
    if kind not in Campaign.Kind.values:
        raise DomainError(_("Choose the kind of campaign."), code="invalid", field="kind")
    if not title.strip():
        raise DomainError(_("Give the campaign a title."), code="required", field="title")
    if closes_on <= opens_on:
        raise DomainError(
            _("The campaign must close after it opens."), code="invalid_dates", field="closes_on"
        )
    if closes_on < today:
        raise DomainError(
            _("This campaign would already be closed."), code="invalid_dates", field="closes_on"
        )
    if p is not None and not p.is_network_admin:
        if not sites:
            raise DomainError(
                _("Choose the sites the campaign targets."), code="required", field="sites"
            )
        outside = [s.name for s in sites if s.pk not in p.staff_site_ids]
        if outside:
            raise DomainError(
                _("You may only target the sites you work at (not %(sites)s).")
                % {"sites": ", ".join(outside)},
                code="out_of_scope",
                field="sites",
            )
    campaign = Campaign.objects.create(
        title=title.strip(),
        kind=kind,
        period=period.strip(),
        as_of=as_of,
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous=anonymous,
        created_by=by,
    )
    campaign.sites.set(sites)
    campaign.programs.set(programs or [])
    metrics_create(campaign, list(metrics))
    targets = campaign_targets(campaign, day=min(today, as_of) if kind != "followup" else today)
    CampaignRequest.objects.bulk_create(
        [
            CampaignRequest(campaign=campaign, startup_id=s, site_id=site, program_id=program)
            for s, (site, program) in targets.items()
        ]
    )
    sent = _send_due_requests(campaign, today) if opens_on <= today else 0
    record(
        "campaign.opened",
        campaign,
        by=by,
        payload={
            "kind": kind,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "sites": [site.code for site in sites],
            "requests": len(targets),
            "sent": sent,
        },
    )
    return campaign


def _send_due_requests(campaign: Campaign, today: dt.date) -> int:
    ids = list(campaign.requests.filter(sent_on__isnull=True).values_list("pk", flat=True))
    CampaignRequest.objects.filter(pk__in=ids, sent_on__isnull=True).update(sent_on=today)
    _send(ids, "request")
    return len(ids)


def _claim(qs, field: str, today: dt.date) -> list[int]:
    """Mark the rows whose step is due, and return only those this run marked."""
    ids = list(qs.filter(**{f"{field}__isnull": True}).values_list("pk", flat=True))
    claimed = []
    for pk in ids:
        if CampaignRequest.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(
            **{field: today}
        ):
            claimed.append(pk)
    return claimed


def _officers_for(site_id: int | None, program_id: int | None) -> list:
    roles = Role.objects.filter(kind="program_officer", site_id=site_id).filter(
        Q(program__isnull=True) | Q(program_id=program_id)
    )
    users = [r.user for r in roles.select_related("user") if r.user.is_active]
    if not users:
        roles = Role.objects.filter(kind="site_manager", site_id=site_id).select_related("user")
        users = [r.user for r in roles if r.user.is_active]
    return users


def _tell_officers(campaign_id: int, by_officer: dict[int, list[int]]) -> None:
    def tell() -> None:
        for user_id, ids in by_officer.items():
            officer_digest_send(campaign_id=campaign_id, user_id=user_id, request_ids=ids)

    if by_officer:
        transaction.on_commit(tell)


@transaction.atomic
def campaign_daily(today: dt.date) -> dict[str, int]:
    """Send what is due today in every open campaign; each step happens once per request."""
    counts = {"requests": 0, "first_reminders": 0, "second_reminders": 0, "officers": 0}
    for campaign in Campaign.objects.filter(opens_on__lte=today, closes_on__gte=today):
        sent = _send_due_requests(campaign, today)
        counts["requests"] += sent
        waiting = campaign.requests.filter(answered_at__isnull=True, sent_on__isnull=False)
        first = _claim(
            waiting.filter(sent_on__lte=today - dt.timedelta(days=FIRST_REMINDER)),
            "reminded_7_on",
            today,
        )
        second = _claim(
            waiting.filter(
                sent_on__lte=today - dt.timedelta(days=SECOND_REMINDER),
                reminded_7_on__isnull=False,
            ),
            "reminded_14_on",
            today,
        )
        _send(first, "reminder_1")
        _send(second, "reminder_2")
        counts["first_reminders"] += len(first)
        counts["second_reminders"] += len(second)
        late = _claim(
            waiting.filter(
                sent_on__lte=today - dt.timedelta(days=OFFICER_AFTER),
                reminded_14_on__isnull=False,
            ),
            "officer_told_on",
            today,
        )
        by_officer: dict[int, list[int]] = defaultdict(list)
        rows = CampaignRequest.objects.filter(pk__in=late).values_list(
            "pk", "site_id", "program_id"
        )
        for pk, site_id, program_id in rows:
            for officer in _officers_for(site_id, program_id):
                by_officer[officer.pk].append(pk)
        _tell_officers(campaign.pk, dict(by_officer))
        counts["officers"] += len(by_officer)
        if sent or first or second or late:  # the day's steps of this campaign, once
            payload = {"day": today, "requests": sent, "first_reminders": len(first), "second_reminders": len(second), "officers_told": len(late)}  # fmt: skip
            record("campaign.requests_sent", campaign, by=None, payload=payload)
    return counts


YEARLY_FROM = (1, 15)  # the yearly follow-up and survey open on 15 January
YEARLY_DAYS = 30


def yearly_campaigns(today: dt.date) -> list[Campaign]:
    """Open this year's alumni follow-up and satisfaction survey, once, for the whole network."""
    if (today.month, today.day) < YEARLY_FROM:
        return []
    made = []
    for kind, title in (
        (Campaign.Kind.FOLLOWUP, _("Alumni follow-up %(year)s")),
        (Campaign.Kind.SATISFACTION, _("Satisfaction survey %(year)s")),
    ):
        if Campaign.objects.filter(kind=kind, period=str(today.year)).exists():
            continue
        made.append(
            campaign_open(
                title=title % {"year": today.year},
                kind=kind,
                period=str(today.year),
                as_of=today,
                opens_on=today,
                closes_on=today + dt.timedelta(days=YEARLY_DAYS),
                anonymous=kind == Campaign.Kind.SATISFACTION,
                by=None,
                today=today,
            )
        )
    return made


@dataclass
class Rate:
    label: str
    asked: int
    answered: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.asked if self.asked else None


def response_rates(requests) -> dict[str, list[Rate]]:
    """Response rate of a campaign overall, per site and per program."""
    answered = Count("pk", filter=Q(answered_at__isnull=False))
    total = requests.aggregate(asked=Count("pk"), answered=answered)
    by_site = requests.values("site__name").annotate(asked=Count("pk"), answered=answered)
    by_program = requests.values("program__name").annotate(asked=Count("pk"), answered=answered)
    return {
        "total": [Rate(_("All"), total["asked"], total["answered"])],
        "sites": [
            Rate(r["site__name"] or _("No site"), r["asked"], r["answered"])
            for r in by_site.order_by("site__name")
        ],
        "programs": [
            Rate(r["program__name"] or _("Hosting only"), r["asked"], r["answered"])
            for r in by_program.order_by("program__name")
        ],
    }
