from django.urls import path

from technopark.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="home"),
    path("notice/", views.notice, name="notice"),
    path("export/", views.export_page, name="export"),
    path("export.json", views.export_json, name="export_json"),
    path("consents/", views.consents_update, name="consents"),
    path("requests/", views.request_new, name="request_new"),
    path("requests/queue/", views.queue, name="queue"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
]
