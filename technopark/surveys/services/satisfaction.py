"""Satisfaction answers: the yearly survey writes here, and so may other apps' services."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by, set_actor
from technopark.core.bulk import Counts, Record, upsert
from technopark.core.errors import Conflict, DomainError
from technopark.startups.models import Startup
from technopark.surveys.models import Campaign, CampaignRequest, SatisfactionAnswer
from technopark.surveys.services.campaigns import requests_answered


@transaction.atomic
def satisfaction_record(
    *,
    startup: Startup,
    score: int,
    comment: str = "",
    channel: str = SatisfactionAnswer.Channel.SURVEY,
    subject: str = "",
    answered_on: dt.date | None = None,
    respondent=None,
    campaign: Campaign | None = None,
    request: CampaignRequest | None = None,
    replace: bool = False,
    by=None,
) -> SatisfactionAnswer:
    """Record one answer (1 = not at all satisfied, 5 = very satisfied).

    With `replace`, a second answer of the startup on the same day, channel and subject
    (a desk rated twice, a service rated again) updates the first to the latest score
    instead of being refused.
    """
    if score not in (1, 2, 3, 4, 5):
        raise DomainError(_("Choose a score from 1 to 5."), code="invalid_score", field="score")
    if channel not in SatisfactionAnswer.Channel.values:
        raise DomainError(_("Unknown channel."), code="invalid", field="channel")
    if request is not None:
        locked = CampaignRequest.objects.select_for_update().get(pk=request.pk)
        if locked.answered_at is not None:
            raise DomainError(
                _("This survey has already been answered."), code="link_used", status=410
            )
        campaign = locked.campaign
    anonymous = bool(campaign and campaign.anonymous)
    if replace:
        with set_actor(by):
            answer, _created = SatisfactionAnswer.objects.update_or_create(
                startup=startup,
                answered_on=answered_on or timezone.localdate(),
                channel=channel,
                subject=subject,
                defaults={"score": score, "comment": comment.strip()},
            )
        _recorded(answer, by)
        return answer
    try:
        with transaction.atomic():
            answer = SatisfactionAnswer.objects.create(
                startup=startup,
                answered_on=answered_on or timezone.localdate(),
                score=score,
                comment=comment.strip(),
                channel=channel,
                subject=subject or (campaign.title[:120] if campaign else ""),
                campaign=campaign,
                respondent=None if anonymous else respondent,
                anonymous=anonymous,
            )
    except IntegrityError:
        raise Conflict(
            _("An answer for this was already recorded today."), code="already_answered"
        ) from None
    if request is not None:
        requests_answered(ids=[request.pk])
    if not anonymous:  # an anonymous answer names no one, not even in the actions
        _recorded(answer, by if by is not None else respondent)
    return answer


def _recorded(answer: SatisfactionAnswer, by) -> None:
    record(
        "satisfaction.recorded",
        answer,
        by=by,
        label=f"{answer.get_channel_display()} {answer.answered_on:%d/%m/%Y}",
        payload={
            "channel": answer.channel,
            "subject": answer.subject,
            "score": answer.score,
            "campaign": answer.campaign_id,
        },
    )


@transaction.atomic
def satisfaction_bulk_record(
    *, rows: list[SatisfactionAnswer], ignore_conflicts: bool = False, by=None
) -> list[SatisfactionAnswer]:
    """The bulk path (the demo): save these unsaved answers in batches, with the checks of
    `satisfaction_record` (a score from 1 to 5, a known channel). With `ignore_conflicts`, an
    answer repeating one already recorded (same startup, day, channel, subject) is dropped."""
    for answer in rows:
        if answer.score not in (1, 2, 3, 4, 5):
            raise DomainError(_("Choose a score from 1 to 5."), code="invalid_score", field="score")
        if answer.channel not in SatisfactionAnswer.Channel.values:
            raise DomainError(_("Unknown channel."), code="invalid", field="channel")
    with set_actor(by):
        return SatisfactionAnswer.objects.bulk_create(
            rows, batch_size=2000, ignore_conflicts=ignore_conflicts
        )


@acts_for_by
def satisfaction_bulk_upsert(
    *, records: list[Record], counts: Counts, empty: bool, by=None
) -> list[int]:
    """The yearly survey's answers of the import (channel "survey", no subject), keyed by
    (startup, answered_on) within that channel (see core/bulk.py); the keys of the answers
    created are not read back (None)."""
    fixed = {"channel": SatisfactionAnswer.Channel.SURVEY, "subject": ""}
    key = ("startup_id", "answered_on")
    return upsert(
        SatisfactionAnswer, key, records, counts, empty=empty, fixed=fixed, returning=False
    ).pks
