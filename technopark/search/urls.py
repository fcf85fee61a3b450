from django.urls import path

from technopark.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("views/", views.view_list, name="views"),
    path("views/save/", views.view_save, name="view_save"),
    path("views/<int:pk>/delete/", views.view_delete, name="view_delete"),
]
