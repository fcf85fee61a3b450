from django.contrib.sitemaps.views import sitemap
from django.urls import path

from technopark.core import operations
from technopark.house import views
from technopark.house.sitemaps import SITEMAPS

# The namespace stays "core" (core:home, core:healthz, ...): every template and redirect
# names these pages so.
app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", operations.healthz, name="healthz"),
    path("readyz", operations.readyz, name="readyz"),
    path("metrics", operations.metrics, name="metrics"),
]
