from django.urls import path

from technopark.impact import views

app_name = "impact"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sites/", views.compare, name="compare"),
    path("trends/", views.trends, name="trends"),
    path("figure/<str:key>/", views.figure_detail, name="figure"),
    path("methodology/", views.methodology, name="methodology"),
    path("editions/", views.edition_list, name="edition_list"),
    path("editions/<int:pk>/", views.edition_detail, name="edition_detail"),
]
