from django.urls import path

from technopark.payments import views

app_name = "payments"
urlpatterns = [
    path("gateway/callback/", views.gateway_callback, name="gateway_callback"),
    path("gateway/return/", views.gateway_return, name="gateway_return"),
    path("startup/<str:ref>/", views.startup_pay, name="startup_pay"),
    path("statements/", views.statements_index, name="statements_index"),
    path(
        "transactions/<int:pk>/<str:action>/",
        views.transaction_action,
        name="transaction_action",
    ),
    path(
        "credits/<int:pk>/apply/<int:invoice>/",
        views.credit_apply,
        name="credit_apply",
    ),
    path("online/<int:pk>/refund/", views.online_payment_refund, name="online_payment_refund"),
    path("<str:site>/statements/", views.site_statements, name="site_statements"),
]
