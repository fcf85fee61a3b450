from django.urls import path

from technopark.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("<str:code>/", views.program_detail, name="detail"),
]
