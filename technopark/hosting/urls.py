from django.urls import path

from technopark.hosting.views import contracts, rent, spaces, waiting

app_name = "hosting"
urlpatterns = [
    path("", spaces.hosting_index, name="index"),
    path(
        "startup/<str:ref>/contracts/<int:pk>/notice/",
        rent.startup_give_notice,
        name="startup_give_notice",
    ),
    path(
        "startup/<str:ref>/offers/<int:pk>/<str:answer>/",
        rent.startup_answer_offer,
        name="startup_answer_offer",
    ),
    path("startup/<str:ref>/invoices/", rent.startup_invoices, name="startup_invoices"),
    path("<str:site>/", spaces.site_spaces, name="site_spaces"),
    path("<str:site>/contracts/", contracts.contract_list, name="contract_list"),
    path("<str:site>/contracts/new/", contracts.contract_new, name="contract_new"),
    path("<str:site>/contracts/startups/", contracts.startup_lookup, name="startup_lookup"),
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
    path("<str:site>/invoices/issue/", rent.invoices_issue, name="invoices_issue"),
]
