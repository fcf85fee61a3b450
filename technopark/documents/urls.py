from django.urls import path

from technopark.documents import views

app_name = "documents"
urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("vault/<str:ref>/", views.vault, name="vault"),
    path("vault/<str:ref>/upload/", views.vault_upload, name="vault_upload"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/download/", views.document_download, name="download"),
]
