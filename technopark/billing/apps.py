from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "technopark.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from technopark.billing.models import (
            AccountPlan,
            Charge,
            CreditNote,
            Deposit,
            Invoice,
            InvoiceLine,
            Payment,
            PaymentReversal,
            PeriodClose,
            SiteBilling,
        )
        from technopark.core.apps import keep_sqlite_guards
        from technopark.core.audit import audit

        # money: who changed this invoice, this payment, this deposit, and when
        audit(
            Invoice,
            Payment,
            CreditNote,
            InvoiceLine,
            SiteBilling,
            Deposit,
            Charge,
            AccountPlan,
            PeriodClose,
            PaymentReversal,
        )
        # the triggers that keep invoice numbers gapless and closed periods closed on SQLite,
        # put back after every migrate
        keep_sqlite_guards(
            self,
            "technopark.billing.migrations_sql_invoices",
            "technopark.billing.migrations_sql_periods",
            "technopark.billing.migrations_sql_history",
        )
