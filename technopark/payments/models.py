"""Money in without typing: card payments through a gateway, and bank statements.

An online payment covers one or several invoices of one startup (an item per invoice); the
gateway knows it by its order id (`oid`, unique). A bank statement's credits are kept one
row per transaction, unique per (account, the bank's reference), so a statement imported
twice records nothing twice. What was paid beyond an invoice's balance is kept as the
client's credit (`ClientCredit`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site
from technopark.payments.ledger import Invoice, Payment
from technopark.startups.models import Startup


class OnlinePayment(models.Model):
    class State(models.TextChoices):
        STARTED = "started", _("Started")
        AUTHORISED = "authorised", _("Authorised")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        REFUNDED = "refunded", _("Refunded")

    oid = models.CharField(_("order id"), max_length=64, unique=True)
    provider = models.CharField(_("provider"), max_length=20, default="cmi")
    startup = models.ForeignKey(
        Startup, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.STARTED
    )
    language = models.CharField(max_length=8, blank=True)
    gateway_reference = models.CharField(_("gateway reference"), max_length=64, blank=True)
    gateway_message = models.CharField(max_length=300, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("online payment")
        verbose_name_plural = _("online payments")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["started", "authorised", "paid", "failed", "refunded"]),
                name="online_payment_state_known",
            ),
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="online_payment_pos"),
        ]

    def __str__(self) -> str:
        return self.oid


class OnlinePaymentItem(models.Model):
    """One invoice of an online payment; once settled, the billing payment it recorded (at
    most one per item: the database refuses a second)."""

    online_payment = models.ForeignKey(
        OnlinePayment, on_delete=models.CASCADE, related_name="items"
    )
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="+")
    amount_mad = models.DecimalField(max_digits=12, decimal_places=2)
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["online_payment", "invoice"], name="online_payment_item_once"
            ),
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="online_item_pos"),
        ]


class BankStatement(models.Model):
    class Format(models.TextChoices):
        MT940 = "mt940", "MT940"
        CAMT053 = "camt053", "CAMT.053"
        CSV = "csv", "CSV"

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, null=True, blank=True
    )
    account = models.CharField(_("account"), max_length=64)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    filename = models.CharField(_("file"), max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")


class BankTransaction(models.Model):
    """A credit read from a statement, and what became of it."""

    class State(models.TextChoices):
        MATCHED = "matched", _("Recorded")
        PROPOSED = "proposed", _("Proposed")
        UNKNOWN = "unknown", _("Waiting for a person")
        DISMISSED = "dismissed", _("Dismissed")

    statement = models.ForeignKey(
        BankStatement, on_delete=models.PROTECT, related_name="transactions"
    )
    account = models.CharField(_("account"), max_length=64)
    bank_reference = models.CharField(_("bank reference"), max_length=100)
    booked_on = models.DateField(_("booked on"))
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    label = models.CharField(_("label"), max_length=500, blank=True)
    counterparty = models.CharField(_("from"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, null=True, blank=True
    )
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["booked_on", "id"]
        verbose_name = _("bank transaction")
        verbose_name_plural = _("bank transactions")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "bank_reference"], name="bank_transaction_once"
            ),
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="bank_transaction_pos"),
            models.CheckConstraint(
                condition=Q(state__in=["matched", "proposed", "unknown", "dismissed"]),
                name="bank_transaction_state_known",
            ),
        ]


class ClientCredit(models.Model):
    """Money received beyond what an invoice had left due: kept for the client."""

    startup = models.ForeignKey(
        Startup, verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, null=True, related_name="+")
    online_payment = models.ForeignKey(
        OnlinePayment, on_delete=models.PROTECT, null=True, related_name="credits"
    )
    bank_transaction = models.ForeignKey(
        BankTransaction, on_delete=models.PROTECT, null=True, related_name="credits"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("client credit")
        verbose_name_plural = _("client credits")
        constraints = [
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="client_credit_pos"),
            models.UniqueConstraint(
                fields=["online_payment", "invoice"], name="client_credit_once_online"
            ),
            models.UniqueConstraint(fields=["bank_transaction"], name="client_credit_once_bank"),
        ]


class ClientCreditUse(models.Model):
    """Part of a client's credit applied to one of its invoices: the billing payment it
    recorded (one use per payment). What is left of a credit is its amount less its uses,
    read under the credit's lock, so two applications never spend it twice."""

    credit = models.ForeignKey(ClientCredit, on_delete=models.PROTECT, related_name="uses")
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="+")
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("use of a client credit")
        verbose_name_plural = _("uses of client credits")
        constraints = [
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="client_credit_use_pos"),
        ]
