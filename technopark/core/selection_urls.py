from django.urls import path

from technopark.core import selection_views

app_name = "bulk"
urlpatterns = [
    path("runs/<int:pk>/", selection_views.run, name="run"),
    path("<str:name>/<str:scope>/", selection_views.start, name="start"),
]
