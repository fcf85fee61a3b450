from django.urls import path

from technopark.support import views
from technopark.support.views import requests, sessions, slots

app_name = "support"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("queue/", requests.request_queue, name="queue"),
    path("experts/", requests.expert_list, name="experts"),
    path("experts/me/", requests.expert_profile, name="expert_profile"),
    path("experts/book/", slots.expert_book, name="expert_book"),
    path("experts/me/slots/", slots.expert_slots, name="expert_slots"),
    path(
        "experts/me/slots/<int:pk>/withdraw/",
        slots.expert_slot_withdraw,
        name="expert_slot_withdraw",
    ),
    path("sessions/<int:pk>/no-show/", slots.slot_no_show, name="slot_no_show"),
    path(
        "sessions/<int:pk>/cancel-booking/", slots.slot_booking_cancel, name="slot_booking_cancel"
    ),
    path("sessions/<int:pk>/answer/", sessions.session_answer, name="session_answer"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel, name="session_cancel"),
    path("opportunities/new/", views.opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="opportunity"),
    path("groupings/new/", views.grouping_create, name="grouping_create"),
    path("groupings/<int:pk>/", views.grouping_detail, name="grouping"),
    path(
        "groupings/<int:pk>/documents/<int:doc>/", views.grouping_document, name="grouping_document"
    ),
]
