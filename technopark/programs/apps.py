from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "technopark.programs"
    label = "programs"
    verbose_name = _("Programs")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.programs.models import Enrollment, Program

        audit(Program, Enrollment)
