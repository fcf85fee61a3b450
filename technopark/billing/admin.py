"""Invoices, credit notes, payments and each site's billing settings."""

from django.contrib import admin

from technopark.billing.models import (
    AccountPlan,
    CreditNote,
    HistoricalInvoice,
    Invoice,
    InvoiceLine,
    Payment,
    PeriodClose,
    SiteBilling,
)


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    readonly_fields = ["amount_mad", "paid_on", "method", "reference", "recorded_by"]
    can_delete = False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Issued documents: made by the services, never edited or deleted (a credit note
    corrects an invoice), so the admin only shows them."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    readonly_fields = [
        "label",
        "quantity",
        "unit_price_mad",
        "vat_rate",
        "amount_excl_mad",
        "vat_mad",
    ]


class CreditNoteInline(admin.TabularInline):
    model = CreditNote
    extra = 0
    can_delete = False
    fields = ["issued_on", "reason", "total_mad"]
    readonly_fields = fields


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "client_name", "period", "total_mad", "due_on", "sent_at"]
    list_filter = ["site", "year", "kind"]
    inlines = [InvoiceLineInline, CreditNoteInline, PaymentInline]


@admin.register(CreditNote)
class CreditNoteAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "invoice", "issued_on", "total_mad", "reason"]
    list_filter = ["site", "year"]


@admin.register(HistoricalInvoice)
class HistoricalInvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "site", "startup", "issued_on", "total_mad", "paid_mad", "status"]
    list_filter = ["site", "status"]


@admin.register(SiteBilling)
class SiteBillingAdmin(admin.ModelAdmin):
    list_display = ["site", "bank_name", "rib", "vat_rate", "payment_term_days"]


@admin.register(AccountPlan)
class AccountPlanAdmin(admin.ModelAdmin):
    list_display = ["operator", "account_clients", "account_revenue", "account_vat"]


@admin.register(PeriodClose)
class PeriodCloseAdmin(ReadOnlyAdmin):
    list_display = ["site", "closed_until", "closed_by", "closed_at"]
