from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "technopark.federation"
    label = "federation"
    verbose_name = _("Federation")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.federation.models import ChecklistItem, Milestone, PlannedSpace, SiteProject

        audit(SiteProject, Milestone, ChecklistItem, PlannedSpace)
