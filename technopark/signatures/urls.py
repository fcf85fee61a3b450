from django.urls import path

from technopark.signatures import views

app_name = "signatures"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new_document, name="new_document"),
    path("contract/<int:lease_pk>/", views.new_for_contract, name="new_for_contract"),
    path("minutes/<int:session_pk>/", views.new_for_minutes, name="new_for_minutes"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/document.pdf", views.document, name="document"),
    path("<int:pk>/signed.pdf", views.final, name="final"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/code/", views.send_code, name="send_code"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
