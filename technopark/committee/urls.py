from django.urls import path

from technopark.committee import views

app_name = "committee"
urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.session_create, name="create"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/edit/", views.session_edit, name="edit"),
    path("<int:pk>/attendance/", views.session_attendance, name="attendance"),
    path("<int:pk>/approve/", views.minutes_approve, name="approve"),
    path("<int:pk>/minutes.pdf", views.minutes_download, name="minutes"),
    path("items/<int:pk>/declare/", views.item_declare, name="declare"),
    path("items/<int:pk>/vote/", views.item_vote, name="vote"),
    path("items/<int:pk>/decide/", views.item_decide, name="decide"),
]
