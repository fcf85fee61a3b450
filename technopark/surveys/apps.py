from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "technopark.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.surveys.models import SatisfactionAnswer

        audit(SatisfactionAnswer)
