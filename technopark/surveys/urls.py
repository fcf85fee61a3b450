from django.urls import path

from technopark.surveys import views

app_name = "surveys"
urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/export.xlsx", views.campaign_export, name="campaign_export"),
    path("campaigns/<int:pk>/metrics/", views.campaign_metrics, name="campaign_metrics"),
    path("requests/<int:pk>/", views.request_open, name="request_open"),
    path("startups/<str:ref>/declare/", views.declare, name="declare"),
    path("rows/<str:kind>/", views.row, name="row"),
    path("r/<str:token>/", views.answer, name="answer"),
    path("satisfaction/", views.satisfaction_results, name="satisfaction"),
    path("satisfaction/comments.xlsx", views.satisfaction_export, name="satisfaction_export"),
]
