from django.urls import path

from technopark.interchange import views

app_name = "interchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export_download, name="export"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/confirm/", views.job_confirm, name="job_confirm"),
    path("jobs/<int:pk>/mapping/", views.job_mapping, name="job_mapping"),
    path("spreadsheets/", views.sheets_help, name="sheets_help"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("jobs/<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("jobs/<int:pk>/errors.csv", views.job_errors_csv, name="job_errors"),
]
