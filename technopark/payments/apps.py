from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "technopark.payments"
    label = "payments"
    verbose_name = _("Online payments and bank statements")

    def ready(self) -> None:
        from technopark.core.audit import audit
        from technopark.payments.models import (
            BankTransaction,
            ClientCredit,
            ClientCreditUse,
            OnlinePayment,
        )

        audit(OnlinePayment, BankTransaction, ClientCredit, ClientCreditUse)
