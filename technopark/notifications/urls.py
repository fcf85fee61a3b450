from django.urls import path

from technopark.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.index, name="index"),
    path("read/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("emails/", views.email_log, name="email_log"),
    path("emails/<int:pk>/retry/", views.email_log_retry, name="email_log_retry"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
