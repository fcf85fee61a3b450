from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostingConfig(AppConfig):
    name = "technopark.hosting"
    label = "hosting"
    verbose_name = _("Hosting")

    def ready(self) -> None:
        from technopark.core.apps import keep_sqlite_guards
        from technopark.core.audit import audit
        from technopark.hosting.models import (
            Charge,
            CreditNote,
            Deposit,
            Invoice,
            InvoiceLine,
            Lease,
            Payment,
            SiteBilling,
            WaitingEntry,
        )

        # money and contracts: who changed this invoice, this payment, this lease, and when
        audit(
            Lease,
            Invoice,
            Payment,
            WaitingEntry,
            CreditNote,
            InvoiceLine,
            SiteBilling,
            Deposit,
            Charge,
        )
        # the triggers that refuse overlaps on SQLite, put back after every migrate
        keep_sqlite_guards(
            self, "technopark.hosting.migrations_sql", "technopark.hosting.migrations_sql_invoices"
        )
