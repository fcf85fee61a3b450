"""Webhook subscriptions: made, removed, resumed, tested; the messages each action makes.

The actions (core/actions.py) reach `deliveries_dispatch` when their transaction commits
(receivers.py); a delivery is made for each subscription that wants the action's name and
whose owner may see it (permissions.visible_actions), and queued (tasks.deliver).
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import require
from technopark.core.actions import ACTIONS, record
from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.network.models import Site
from technopark.notifications.services import notification_send
from technopark.startups.models import Startup
from technopark.webhooks.models import Delivery, Subscription
from technopark.webhooks.permissions import visible_actions
from technopark.webhooks.tasks import deliver
from technopark.webhooks.transport import UrlRefused, check_url

TEST_TYPE = "webhook.test"
MAX_SUBSCRIPTIONS = 20


def _clean_actions(names) -> list[str]:
    if not isinstance(names, list | tuple) or not names:
        raise DomainError(
            _("Choose at least one action."), code="actions_required", field="actions"
        )
    unknown = sorted({str(n) for n in names} - set(ACTIONS))
    if unknown:
        raise DomainError(
            _("Unknown actions: %(names)s.") % {"names": ", ".join(unknown)},
            code="unknown_action",
            field="actions",
        )
    return sorted(set(names))


@transaction.atomic
@acts_for_by
def subscription_create(*, url: str, actions, by) -> Subscription:
    """Subscribe `by` (a network or partner administrator) to `actions` at `url`."""
    require(by, "webhook.create")
    try:
        url = check_url(url)
    except UrlRefused as exc:
        raise DomainError(exc.message, code=exc.code, field="url") from None
    names = _clean_actions(actions)
    if Subscription.objects.filter(owner=by).count() >= MAX_SUBSCRIPTIONS:
        raise DomainError(
            _("You have %(count)d subscriptions already: remove one first.")
            % {"count": MAX_SUBSCRIPTIONS},
            code="too_many",
        )
    subscription = Subscription.objects.create(owner=by, url=url, actions=names)
    _recorded("webhook.subscribed", subscription, by, actions=sorted(names))
    return subscription


def _recorded(name: str, subscription: Subscription, by, **payload) -> None:
    """Labelled by the receiver's host: its URL may carry a secret in its path or query."""
    record(
        name,
        subscription,
        by=by,
        label=f"#{subscription.pk} {urlsplit(subscription.url).hostname or ''}".strip(),
        payload={"subscription": subscription.pk, **payload},
    )


@transaction.atomic
@acts_for_by
def subscription_delete(*, subscription: Subscription, by) -> None:
    require(by, "webhook.change", subscription, view_perm="webhook.view")
    _recorded("webhook.unsubscribed", subscription, by)
    subscription.delete()


def _queue(delivery_ids: list[int]) -> None:
    for pk in delivery_ids:
        transaction.on_commit(lambda pk=pk: deliver.enqueue(pk))


@transaction.atomic
@acts_for_by
def subscription_resume(*, subscription: Subscription, by) -> Subscription:
    """Resume a paused subscription: its run of failures starts again, and what waits is
    sent now."""
    require(by, "webhook.change", subscription, view_perm="webhook.view")
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    subscription.paused_at = None
    subscription.pause_reason = ""
    subscription.paused_notice_at = None
    subscription.failures = 0
    subscription.failing_since = None
    subscription.save()
    waiting = subscription.deliveries.filter(status=Delivery.Status.PENDING)
    waiting.update(next_attempt_at=timezone.now())
    pending = list(waiting.values_list("pk", flat=True))
    _queue(pending)
    _recorded("webhook.resumed", subscription, by, pending=len(pending))
    return subscription


def _body(kind: str, data: dict, at: dt.datetime) -> str:
    return json.dumps(
        {"type": kind, "timestamp": at.isoformat().replace("+00:00", "Z"), "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )


@transaction.atomic
@acts_for_by
def subscription_test(*, subscription: Subscription, by) -> Delivery:
    """Send a `webhook.test` message to the subscription (even paused: a way to check the
    receiver before resuming)."""
    require(by, "webhook.change", subscription, view_perm="webhook.view")
    now = timezone.now()
    delivery = Delivery.objects.create(
        subscription=subscription,
        type=TEST_TYPE,
        body=_body(TEST_TYPE, {"subscription": subscription.pk}, now),
        created_at=now,
    )
    if subscription.paused:
        transaction.on_commit(lambda: _send_now(delivery.pk))
    else:
        _queue([delivery.pk])
    _recorded("webhook.tested", subscription, by, delivery=delivery.pk)
    return delivery


def _send_now(delivery_id: int) -> None:
    """A test message of a paused subscription: one attempt, outside the pause."""
    from technopark.webhooks.tasks import delivery_attempt

    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENDING, attempts=1, claimed_at=timezone.now()
    )
    delivery.attempts = 1
    delivery_attempt(delivery)


def action_data(action: Action) -> dict:
    """What a receiver learns of an action: its name, object, startup, site and payload."""
    startup = (
        Startup.objects.filter(pk=action.startup_id).values_list("ref", flat=True).first()
        if action.startup_id
        else None
    )
    site = (
        Site.objects.filter(pk=action.site_id).values_list("code", flat=True).first()
        if action.site_id
        else None
    )
    return {
        "id": action.pk,
        "action": action.name,
        "object": {
            "type": action.content_type.app_label + "." + action.content_type.model,
            "id": action.object_id,
            "label": action.label,
        },
        "startup": startup,
        "site": site,
        "channel": action.channel,
        "payload": action.payload,
    }


@transaction.atomic
@acts_for_by
def deliveries_dispatch(*, action: Action, by=None) -> list[Delivery]:
    """Make and queue the deliveries of one committed action: one per subscription that
    wants its name and whose owner may see it."""
    made = []
    wanting = Subscription.objects.select_related("owner").filter(owner__is_active=True)
    body = None
    for subscription in wanting:
        if action.name not in subscription.actions:
            continue
        if not visible_actions(subscription.owner).filter(pk=action.pk).exists():
            continue
        if body is None:
            body = _body(action.name, action_data(action), action.created_at)
        made.append(
            Delivery.objects.create(
                subscription=subscription, action=action, type=action.name, body=body
            )
        )
    _queue([d.pk for d in made if not d.subscription.paused])
    return made


@acts_for_by
def deliveries_retry_due(*, now: dt.datetime | None = None, by=None) -> int:
    """Queue the deliveries whose next attempt is due (the in-process backend cannot wait;
    a worker that died left them): `technopark daily`, or sooner."""
    now = now or timezone.now()
    due = Delivery.objects.filter(
        Q(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=Delivery.Status.PENDING, next_attempt_at__isnull=True),
        subscription__paused_at__isnull=True,
    ).values_list("pk", flat=True)
    ids = list(due)
    for pk in ids:
        deliver.enqueue(pk)
    return len(ids)


@acts_for_by
def subscriptions_notify_paused(*, by=None) -> int:
    """Tell the owner of each subscription paused since the last call (once each)."""
    told = 0
    for subscription in Subscription.objects.filter(
        paused_at__isnull=False, paused_notice_at__isnull=True
    ).select_related("owner"):
        with transaction.atomic():
            claimed = Subscription.objects.filter(
                pk=subscription.pk, paused_notice_at__isnull=True
            ).update(paused_notice_at=timezone.now())
            if not claimed:
                continue
            notification_send(
                to=subscription.owner,
                kind="webhooks.paused",
                context={"receiver": subscription.url, "failures": subscription.failures},
                url=reverse("webhooks:detail", args=[subscription.pk]),
                by=by,
            )
            told += 1
    return told
