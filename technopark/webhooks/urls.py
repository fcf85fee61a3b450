from django.urls import path

from technopark.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("<int:pk>/test/", views.send_test, name="test"),
]
