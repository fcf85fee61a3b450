from django.urls import path

from technopark.network import views

app_name = "network"
urlpatterns = [
    path("", views.site_list, name="site_list"),
    path("<str:code>/", views.site_detail, name="site_detail"),
]
