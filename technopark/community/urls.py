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
    path("events/<int:pk>/join/", views.guest_register, name="guest_register"),
    path("events/<int:pk>/questions/", views.question_add, name="question_add"),
    path("questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
    path("join/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("tickets/<str:code>/", views.ticket, name="ticket"),
    path("tickets/<str:code>/cancel/", views.guest_cancel, name="guest_cancel"),
    path("tickets/<str:code>/certificate/", views.certificate, name="certificate"),
    path("sites/<str:code>/amenities/", views.site_amenities, name="amenities"),
    path("sites/<str:code>/lobby/", views.lobby, name="lobby"),
]
