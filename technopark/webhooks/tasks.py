"""Background work of webhooks: one attempt of one delivery, and the next one planned.

Each attempt first claims the delivery (pending -> sending, one conditional UPDATE, only
while its subscription is not paused), posts the signed message, logs the attempt (status
code and the start of the answer, or the error) and then:

- accepted (2xx): delivered; the subscription's run of failures starts again from zero;
- refused or unreachable: retried after 1, 2, 4, 8 … minutes (at most 6 hours apart) for a
  day after the message was made, then given up; after MAX_FAILURES consecutive failed
  attempts, or a day of failures, the subscription is paused (its owner is told by
  `receivers.task_finished`, which calls the service: tasks call no service).

With the in-process backend a retry cannot wait: it stays pending for
`services.deliveries_retry_due` (`technopark daily`, or a resume).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import TaskContext, task

from technopark.webhooks.transport import post, signed_headers

RETRY_WINDOW = dt.timedelta(days=1)
MAX_FAILURES = 10
FAILING_PAUSE_AFTER = dt.timedelta(days=1)
MAX_DELAY_SECONDS = 6 * 3600


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: 1 minute, doubled each time."""
    return dt.timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS))


def delivery_claim(delivery_id: int, now: dt.datetime):
    from technopark.webhooks.models import Delivery

    lapsed = now - dt.timedelta(seconds=settings.TECHNOPARK_JOB_STALL_SECONDS)
    claimable = Q(status=Delivery.Status.PENDING) | Q(
        status=Delivery.Status.SENDING, claimed_at__lt=lapsed
    )
    taken = Delivery.objects.filter(
        claimable, pk=delivery_id, subscription__paused_at__isnull=True
    ).update(status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not taken:
        return None
    return Delivery.objects.select_related("subscription").get(pk=delivery_id)


def delivery_attempt(delivery, now: dt.datetime | None = None) -> str:
    """Send a claimed delivery once and record what came of it; its new status."""
    from technopark.webhooks.models import Attempt, Delivery, Subscription

    now = now or timezone.now()
    subscription = delivery.subscription
    body = delivery.body.encode()
    outcome = post(
        subscription.url, body, signed_headers(subscription.secret, delivery.msg_id, body, now)
    )
    Attempt.objects.create(
        delivery=delivery,
        at=now,
        status_code=outcome.status_code,
        answer=outcome.answer,
        error=outcome.error,
        duration_ms=outcome.duration_ms,
    )
    if outcome.ok:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.DELIVERED, delivered_at=now, next_attempt_at=None
        )
        Subscription.objects.filter(pk=subscription.pk).update(failures=0, failing_since=None)
        return Delivery.Status.DELIVERED
    Subscription.objects.filter(pk=subscription.pk).update(
        failures=F("failures") + 1, failing_since=Coalesce(F("failing_since"), now)
    )
    subscription.refresh_from_db(fields=["failures", "failing_since"])
    if subscription.failures >= MAX_FAILURES or (
        now - subscription.failing_since >= FAILING_PAUSE_AFTER
    ):
        Subscription.objects.filter(pk=subscription.pk, paused_at__isnull=True).update(
            paused_at=now,
            paused_notice_at=None,
            pause_reason="failures",
        )
    following = now + backoff(delivery.attempts)
    if following > delivery.created_at + RETRY_WINDOW:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.FAILED, next_attempt_at=None
        )
        return Delivery.Status.FAILED
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.PENDING, next_attempt_at=following
    )
    return Delivery.Status.PENDING


@task(takes_context=True)
def deliver(context: TaskContext, delivery_id: int) -> str:
    from technopark.webhooks.models import Delivery

    delivery = delivery_claim(delivery_id, timezone.now())
    if delivery is None:
        return "skipped"
    status = delivery_attempt(delivery)
    if status == Delivery.Status.PENDING and deliver.get_backend().supports_defer:
        following = Delivery.objects.values_list("next_attempt_at", flat=True).get(pk=delivery_id)
        deliver.using(run_after=following).enqueue(delivery_id)
    return status
