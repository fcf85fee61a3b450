from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "technopark.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from technopark.notifications import kinds

        kinds.autodiscover()
