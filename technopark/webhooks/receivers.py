"""What webhooks listen to: each action once committed, and the end of each delivery task
(a subscription the task paused is told to its owner here, since tasks call no service)."""

from __future__ import annotations


def action_heard(sender, action, **kwargs) -> None:
    from technopark.webhooks.services import deliveries_dispatch

    deliveries_dispatch(action=action)


def task_finished(sender, task_result, **kwargs) -> None:
    from technopark.webhooks.models import Subscription
    from technopark.webhooks.services import subscriptions_notify_paused
    from technopark.webhooks.tasks import deliver

    if task_result.task.module_path != deliver.module_path:
        return
    if Subscription.objects.filter(paused_at__isnull=False, paused_notice_at__isnull=True).exists():
        subscriptions_notify_paused()
