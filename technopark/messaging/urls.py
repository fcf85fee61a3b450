from django.urls import path

from technopark.messaging import views

app_name = "messaging"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("new/", views.compose, name="compose"),
    path("<int:pk>/", views.message_detail, name="detail"),
]
