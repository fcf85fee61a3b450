from django.urls import path

from technopark.publishing import views

app_name = "publishing"
urlpatterns = [
    path("", views.figures_page, name="figures"),
    path("figures.json", views.figures_json, name="figures_json"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
    path("methodology/", views.methodology_page, name="methodology"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("sites.csv", views.sites_csv, name="sites_csv"),
    path("reuse/", views.reuse_page, name="reuse"),
    path("startups/", views.showcase_list, name="showcase"),
    path("startups/feed.json", views.showcase_feed, name="showcase_feed"),
    path("startups/widget/", views.showcase_widget, name="showcase_widget"),
    path("startups/<str:ref>/", views.showcase_detail, name="showcase_detail"),
    path("startups/<str:ref>/contact/", views.showcase_contact_view, name="showcase_contact"),
    path("startups/<str:ref>/profile/", views.showcase_edit, name="showcase_edit"),
    path("startups/<str:ref>/preview/", views.showcase_preview, name="showcase_preview"),
    path("startups/<str:ref>/logo.png", views.showcase_logo, name="showcase_logo"),
    path("sites/<str:code>/media/", views.site_media, name="site_media"),
    path(
        "sites/<str:code>/media/<int:pk>/remove/",
        views.site_photo_remove,
        name="site_photo_remove",
    ),
    path("sites/<str:code>/photos/<int:pk>/", views.site_photo, name="site_photo"),
    path("reports/", views.reports_page, name="reports"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/download/", views.report_now, name="report_now"),
    path("reports/<int:pk>/", views.report_status, name="report_status"),
    path("reports/<int:pk>/file/", views.report_download, name="report_download"),
    path("reports/<int:pk>/retry/", views.report_retry_view, name="report_retry"),
]
