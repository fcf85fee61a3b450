from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostingConfig(AppConfig):
    name = "technopark.hosting"
    label = "hosting"
    verbose_name = _("Hosting")

    def ready(self) -> None:
        from technopark.core.apps import keep_sqlite_guards
        from technopark.core.audit import audit
        from technopark.hosting.models import Lease, WaitingEntry

        # contracts: who changed this lease, this waiting-list entry, and when (billing's
        # records are registered by billing)
        audit(Lease, WaitingEntry)
        # the triggers that refuse overlaps on SQLite, put back after every migrate
        keep_sqlite_guards(self, "technopark.hosting.migrations_sql")
