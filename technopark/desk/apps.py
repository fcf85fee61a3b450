from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "technopark.desk"
    label = "desk"
    verbose_name = _("Guichet unique")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.desk.models import Appointment, Case, Desk, Service

        audit(Desk, Service, Appointment, Case)
