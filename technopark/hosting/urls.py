from django.urls import path

from technopark.hosting.views import billing, contracts, invoices, spaces, waiting

app_name = "hosting"
urlpatterns = [
    path("", spaces.hosting_index, name="index"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/pay/", invoices.payment_add, name="payment_add"),
    path("invoices/<int:pk>/credit/", billing.credit_note_add, name="credit_note_add"),
    path("credit-notes/<int:pk>/", billing.credit_note_detail, name="credit_note_detail"),
    path("credit-notes/<int:pk>/pdf/", billing.credit_note_pdf, name="credit_note_pdf"),
    path("arrears/", billing.network_arrears, name="network_arrears"),
    path(
        "startup/<str:ref>/contracts/<int:pk>/notice/",
        invoices.startup_give_notice,
        name="startup_give_notice",
    ),
    path(
        "startup/<str:ref>/offers/<int:pk>/<str:answer>/",
        invoices.startup_answer_offer,
        name="startup_answer_offer",
    ),
    path("startup/<str:ref>/invoices/", invoices.startup_invoices, name="startup_invoices"),
    path("<str:site>/", spaces.site_spaces, name="site_spaces"),
    path("<str:site>/contracts/", contracts.contract_list, name="contract_list"),
    path("<str:site>/contracts/new/", contracts.contract_new, name="contract_new"),
    path("<str:site>/contracts/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path("<str:site>/contracts/<int:pk>/pdf/", contracts.contract_pdf, name="contract_pdf"),
    path("<str:site>/contracts/<int:pk>/scan/", contracts.contract_scan, name="contract_scan"),
    path(
        "<str:site>/contracts/<int:pk>/<str:action>/",
        contracts.contract_action,
        name="contract_action",
    ),
    path("<str:site>/waiting/", waiting.waiting_list, name="waiting_list"),
    path(
        "<str:site>/waiting/<int:pk>/<str:action>/", waiting.waiting_action, name="waiting_action"
    ),
    path("<str:site>/invoices/", invoices.invoice_list, name="invoice_list"),
    path("<str:site>/invoices/issue/", invoices.invoices_issue, name="invoices_issue"),
    path("<str:site>/arrears/", billing.site_arrears, name="site_arrears"),
    path("<str:site>/journal/", billing.journal_export, name="journal_export"),
    path("<str:site>/charges/", billing.charge_list, name="charge_list"),
]
