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
            PeriodClose,
            SiteBilling,
        )
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
        )
