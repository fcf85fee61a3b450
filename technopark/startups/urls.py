from django.urls import path

from technopark.startups import views

app_name = "startups"
urlpatterns = [
    path("", views.startup_directory, name="directory"),
    path("mine/", views.my_workspace, name="my_workspace"),
    path("invitations/<str:token>/", views.invitation_accept_view, name="invitation_accept"),
    path("<str:ref>/", views.startup_detail, name="detail"),
    path("<str:ref>/edit/", views.startup_edit, name="edit"),
    path("<str:ref>/workspace/", views.startup_workspace, name="workspace"),
    path("<str:ref>/invite/", views.startup_invite, name="invite"),
    path("<str:ref>/staff/", views.startup_staff_page, name="staff_page"),
]
