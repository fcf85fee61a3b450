from django.urls import path

from technopark.community import views

app_name = "community"
urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events.ics", views.ical_feed, name="ical"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/mine/", views.my_events, name="my_events"),
    path("events/attendance/", views.attendance_figures, name="attendance"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/unregister/", views.event_unregister, name="event_unregister"),
    path("events/<int:pk>/manage/", views.event_manage, name="event_manage"),
    path("events/<int:pk>/checkin/", views.checkin, name="checkin"),
    path("registrations/<int:pk>/decide/", views.registration_decide, name="registration_decide"),
    path(
        "registrations/<int:pk>/checkin/", views.checkin_registration, name="checkin_registration"
    ),
    path("tickets/<str:code>/", views.ticket, name="ticket"),
    path("sites/<str:code>/amenities/", views.site_amenities, name="amenities"),
    path("sites/<str:code>/lobby/", views.lobby, name="lobby"),
]
