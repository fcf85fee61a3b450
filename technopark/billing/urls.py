from django.urls import path

from technopark.billing.views import billing, invoices

app_name = "billing"
urlpatterns = [
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/receipt/", invoices.receipt_pdf, name="receipt_pdf"),
    path("invoices/<int:pk>/pay/", invoices.payment_add, name="payment_add"),
    path("invoices/<int:pk>/remind/", invoices.invoice_remind, name="invoice_remind"),
    path("invoices/<int:pk>/credit/", billing.credit_note_add, name="credit_note_add"),
    path("credit-notes/<int:pk>/", billing.credit_note_detail, name="credit_note_detail"),
    path("credit-notes/<int:pk>/pdf/", billing.credit_note_pdf, name="credit_note_pdf"),
    path("arrears/", billing.network_arrears, name="network_arrears"),
    path("<str:site>/invoices/", invoices.invoice_list, name="invoice_list"),
    path("<str:site>/arrears/", billing.site_arrears, name="site_arrears"),
    path("<str:site>/journal/", billing.journal_export, name="journal_export"),
    path("<str:site>/journal/close/", billing.period_close, name="period_close"),
    path("<str:site>/settings/", billing.site_settings, name="site_settings"),
    path("<str:site>/charges/", billing.charge_list, name="charge_list"),
]
