from django.urls import path

from technopark.desk import file_views, procedure_views, views

app_name = "desk"
urlpatterns = [
    path("", views.desk_index, name="index"),
    path("mine/", views.my_desk, name="my_desk"),
    path("compare/", views.desk_compare, name="compare"),
    path("appointments/", views.my_appointments, name="my_appointments"),
    path("appointments/<int:pk>/cancel/", views.appointment_cancel, name="appointment_cancel"),
    path("appointments/<int:pk>/rate/", views.appointment_rate, name="appointment_rate"),
    path("appointments/<int:pk>/handle/", views.appointment_handle, name="appointment_handle"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("procedures/", file_views.procedures, name="procedures"),
    path("procedures/new/", procedure_views.procedure_create, name="procedure_create"),
    path("procedures/<int:pk>/edit/", procedure_views.procedure_edit, name="procedure_edit"),
    path("files/", file_views.file_list, name="files"),
    path("files/<int:pk>/", file_views.file_detail, name="file_detail"),
    path("files/<int:pk>/pieces/", file_views.file_piece_add, name="file_piece_add"),
    path("files/<int:pk>/pieces/<int:piece>/", file_views.file_piece, name="file_piece"),
    path("files/<int:pk>/notes/", file_views.file_note, name="file_note"),
    path("files/steps/<int:pk>/", file_views.file_step_move, name="file_step_move"),
    path("<int:pk>/walk-ins/", file_views.walk_in, name="walk_in"),
    path("<int:pk>/", views.desk_detail, name="detail"),
    path("<int:pk>/book/", views.desk_book, name="book"),
    path("<int:pk>/manage/", views.desk_manage, name="manage"),
    path("<int:pk>/slots/", views.slots_bulk, name="slots_bulk"),
    path("<int:pk>/cases/", views.case_list, name="cases"),
]
