from django.urls import path

from technopark.booking import views

app_name = "booking"
urlpatterns = [
    path("", views.booking_index, name="index"),
    path("list/", views.booking_list, name="list"),
    path("feeds/", views.feeds, name="feeds"),
    path("feeds/<int:feed_id>/revoke/", views.feed_revoke, name="feed_revoke"),
    path("ical/<str:token>.ics", views.ical_feed, name="ical"),
    path("b/<int:booking_id>/move/", views.booking_move, name="move"),
    path("b/<int:booking_id>/cancel/", views.booking_cancel, name="cancel"),
    path("b/<int:booking_id>/decide/", views.hall_decide, name="hall_decide"),
    path("<str:site>/", views.site_calendar_view, name="calendar"),
    path("<str:site>/requests/", views.hall_requests, name="hall_requests"),
    path("<str:site>/room-hire/", views.room_hire, name="room_hire"),
    path("<str:site>/<str:code>/book/", views.booking_new, name="book"),
    path("<str:site>/<str:code>/block/", views.room_block, name="block"),
    path("<str:site>/<str:code>/rules/", views.room_rules, name="rules"),
]
