from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "technopark.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from django_tasks.signals import task_finished

        from technopark.core.actions import action_recorded
        from technopark.core.audit import audit
        from technopark.webhooks import receivers
        from technopark.webhooks.models import Subscription

        audit(Subscription, exclude_fields=["secret"])
        action_recorded.connect(receivers.action_heard, dispatch_uid="technopark.webhooks.action")
        task_finished.connect(receivers.task_finished, dispatch_uid="technopark.webhooks.task")
