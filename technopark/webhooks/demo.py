"""The demo's webhook: the ministry's data warehouse subscribed by the network's
administrator, whose receiver never answered (a name that never resolves): its deliveries
show each attempt, retried after 1, 2, 4 … minutes, until the subscription was paused
after 10 failures in a row and the administrator told. Resume it, or send a test event,
from its page (/webhooks/)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.core.demo import DemoContext
from technopark.webhooks.models import Delivery
from technopark.webhooks.permissions import visible_actions
from technopark.webhooks.services import (
    deliveries_dispatch,
    subscription_create,
    subscriptions_notify_paused,
)
from technopark.webhooks.tasks import backoff, delivery_attempt, delivery_claim

DEMO_URL = "https://entrepot.ministere.invalid/technopark/webhooks"
DEMO_ACTIONS = ["invoice.issued", "payment.recorded", "contract.signed", "application.decided"]


def seed(ctx: DemoContext) -> None:
    admin = ctx.users.get("network_admin")
    if admin is None:
        return
    subscription = subscription_create(url=DEMO_URL, actions=DEMO_ACTIONS, by=admin)
    recent = visible_actions(admin).filter(name__in=DEMO_ACTIONS).order_by("-created_at", "-pk")
    made: list[Delivery] = []
    for action in reversed(list(recent[:3])):
        made += deliveries_dispatch(action=action, by=admin)
    # Their history, as the worker would have written it over the last three hours.
    start = timezone.now() - dt.timedelta(hours=3)
    tries: list[tuple[dt.datetime, int]] = []
    for offset, delivery in enumerate(made):
        made_at = start + dt.timedelta(minutes=offset)
        Delivery.objects.filter(pk=delivery.pk).update(created_at=made_at)
        at, attempt = made_at, 0
        while at < timezone.now() - dt.timedelta(minutes=1):
            tries.append((at, delivery.pk))
            attempt += 1
            at += backoff(attempt)
    for at, delivery_id in sorted(tries):
        delivery = delivery_claim(delivery_id, at)
        if delivery is not None:
            delivery_attempt(delivery, now=at)
    subscriptions_notify_paused(by=admin)
    subscription.refresh_from_db()
    ctx.log(
        f"1 subscription, {len(made)} deliveries, {'paused' if subscription.paused else 'active'}"
    )
