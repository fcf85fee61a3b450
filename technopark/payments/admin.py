"""Card payments, bank transactions and clients' credits, shown (their services write them)."""

from django.contrib import admin

from technopark.core.admin import ServiceOwnedAdmin
from technopark.payments.models import BankTransaction, ClientCredit, OnlinePayment


@admin.register(OnlinePayment)
class OnlinePaymentAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["oid", "startup", "amount_mad", "state", "created_at"]
    list_filter = ["state", "provider"]
    search_fields = ["oid", "startup__name", "startup__ref", "gateway_reference"]


@admin.register(BankTransaction)
class BankTransactionAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["bank_reference", "account", "booked_on", "amount_mad", "state", "invoice"]
    list_filter = ["state", "statement__site"]
    search_fields = ["bank_reference", "label", "counterparty"]


@admin.register(ClientCredit)
class ClientCreditAdmin(ServiceOwnedAdmin, admin.ModelAdmin):
    list_display = ["startup", "amount_mad", "invoice", "created_at"]
    search_fields = ["startup__name", "startup__ref"]
