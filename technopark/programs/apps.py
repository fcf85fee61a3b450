from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "technopark.programs"
    label = "programs"
    verbose_name = _("Programs")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.programs.models import (
            Application,
            Enrollment,
            Program,
            ReviewAssignment,
            Score,
        )

        audit(Program, Enrollment, Score)
        # the selection: applications and their committee decisions, reviews and scores;
        # what retention blanks is not copied into the trail
        audit(Application, exclude_fields=list(Application.PERSONAL_TEXT))
        audit(ReviewAssignment, exclude_fields=["comment"])
