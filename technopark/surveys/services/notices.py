"""Who the campaigns tell, and what: every message goes through `notification_send` (kinds in
`surveys/notifications.py`), in each recipient's language.

- a request and its two reminders: the startup's active members (each in their language),
  else the startup's own e-mail address (in the site language); the in-app notification
  opens the answer page, the e-mail also carries the signed link that needs no sign-in;
- the officer's digest: the program officers (else the site managers) of the startups still
  silent after two reminders, with the link to the campaign's page.

An answer marks the request's notifications read, so nothing stays waiting once answered.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from technopark.core.audit import acts_for_by
from technopark.notifications.models import Notification
from technopark.notifications.services import notification_mark_read, notification_send
from technopark.surveys.links import request_token
from technopark.surveys.models import Campaign, CampaignRequest

REQUEST_KINDS = {
    Campaign.Kind.DECLARATION: ("surveys.declaration_requested", "surveys.declaration_reminder"),
    Campaign.Kind.FOLLOWUP: ("surveys.survey_requested", "surveys.survey_reminder"),
    Campaign.Kind.SATISFACTION: ("surveys.survey_requested", "surveys.survey_reminder"),
}
ASKING_KINDS = sorted({kind for pair in REQUEST_KINDS.values() for kind in pair})


def request_url(pk: int) -> str:
    """The in-app page of a request: it opens the answer for the startup's members."""
    return reverse("surveys:request_open", args=[pk])


def answer_url(request: CampaignRequest) -> str:
    """The signed link of the e-mail: it works without signing in, for one answer."""
    return settings.SITE_URL.rstrip("/") + reverse("surveys:answer", args=[request_token(request)])


def members_of(startup_id: int) -> list:
    from technopark.accounts.models import User

    return list(
        User.objects.filter(memberships__startup_id=startup_id, is_active=True)
        .distinct()
        .order_by("pk")
    )


@acts_for_by
@transaction.atomic
def campaign_requests_notify(*, request_ids: list[int], step: str, by=None) -> int:
    """Ask each startup (step "request") or remind it ("reminder_1", "reminder_2"); a request
    answered meanwhile is skipped. How many startups were told."""
    requests = (
        CampaignRequest.objects.select_related("campaign", "startup")
        .prefetch_related("campaign__metrics")
        .filter(pk__in=request_ids, answered_at__isnull=True)
        .order_by("pk")
    )
    told = 0
    for request in requests:
        campaign = request.campaign
        first, reminder = REQUEST_KINDS[campaign.kind]
        kind = first if step == "request" else reminder
        context = {
            "campaign": campaign.title,
            "kind": campaign.kind,
            "period": campaign.period,
            "startup": request.startup.name,
            "closes_on": campaign.closes_on,
            "answer_url": answer_url(request),
            "metrics": list(campaign.metrics.all()),
            "step": step,
        }
        members = members_of(request.startup_id)
        if members:
            notification_send(to=members, kind=kind, context=context, url=request_url(request.pk))
        elif request.startup.email:
            notification_send(
                to=request.startup.email, kind=kind, context=context, url=context["answer_url"]
            )
        else:
            continue
        told += 1
    return told


@acts_for_by
@transaction.atomic
def officer_digest_send(*, campaign_id: int, user_id: int, request_ids: list[int], by=None) -> int:
    """Tell a program officer which startups still have not answered after two reminders."""
    from technopark.accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    requests = list(
        CampaignRequest.objects.select_related("campaign", "startup", "site")
        .filter(pk__in=request_ids, campaign_id=campaign_id, answered_at__isnull=True)
        .order_by("startup__name")
    )
    if user is None or not requests:
        return 0
    campaign = requests[0].campaign
    notification_send(
        to=user,
        kind="surveys.officer_digest",
        context={
            "campaign": campaign.title,
            "closes_on": campaign.closes_on,
            "startups": [
                {
                    "name": r.startup.name,
                    "ref": r.startup.ref,
                    "site": r.site.name if r.site else "",
                }
                for r in requests
            ],
        },
        url=reverse("surveys:campaign_detail", args=[campaign_id]),
    )
    return 1


def request_notices_read(request_ids: list[int]) -> int:
    """Mark read the notifications that asked for these requests (their answer is in)."""
    urls = [request_url(pk) for pk in request_ids]
    if not urls:
        return 0
    by_user: dict[int, list[int]] = defaultdict(list)
    for pk, user_id in Notification.objects.filter(
        kind__in=ASKING_KINDS, url__in=urls, read_at__isnull=True
    ).values_list("pk", "user_id"):
        by_user[user_id].append(pk)
    return sum(notification_mark_read(user=uid, pks=pks) for uid, pks in by_user.items())


@acts_for_by
@transaction.atomic
def campaign_request_remind(*, request: CampaignRequest, today, by) -> int:
    """Remind one startup of a campaign it has not answered, now, by hand (the same message
    as the automatic reminder); refused once it answered or once the campaign closed."""
    from django.utils.translation import gettext as _

    from technopark.core.actions import record
    from technopark.core.errors import DomainError

    locked = CampaignRequest.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=request.pk)  # fmt: skip
    if locked.answered_at is not None:
        raise DomainError(_("This startup has already answered."), code="answered")
    if locked.campaign.closes_on < today:
        raise DomainError(_("This campaign is closed."), code="closed")
    if locked.sent_on is None:
        raise DomainError(_("This startup has not been asked yet."), code="not_sent")
    told = campaign_requests_notify(request_ids=[locked.pk], step="reminder_1")
    if not told:
        raise DomainError(_("Nobody can be reached at this startup."), code="nobody")
    record("campaign_request.reminded", locked, by=by, startup=locked.startup_id, site=locked.site_id, payload={"campaign": locked.campaign_id})  # fmt: skip
    return told
