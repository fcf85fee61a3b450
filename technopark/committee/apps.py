from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "technopark.committee"
    label = "committee"
    verbose_name = _("Selection committees")

    def ready(self) -> None:
        from technopark.committee.models import AgendaItem, Declaration, Member, Session, Vote
        from technopark.core.audit import audit

        audit(Session, Member, AgendaItem, Declaration, Vote)
