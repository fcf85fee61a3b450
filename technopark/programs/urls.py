from django.urls import path

from technopark.programs import views
from technopark.programs.views import applications, calls, plans, review

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("calls/", calls.call_list, name="calls"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:pk>/", calls.call_detail, name="call"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/ranking/", calls.call_ranking, name="call_ranking"),
    path("calls/<int:pk>/letters/", review.call_letters, name="call_letters"),
    path("calls/<int:pk>/decide/", review.call_decide, name="call_decide"),
    path("calls/<int:pk>/apply/", applications.apply, name="apply"),
    path("calls/<int:pk>/apply/<str:token>/", applications.apply_confirm, name="apply_confirm"),
    path("applications/", applications.my_applications, name="applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path(
        "applications/<int:pk>/documents/<int:doc>/",
        applications.application_document,
        name="application_document",
    ),
    path(
        "applications/<int:pk>/versions/<int:number>/documents/<int:doc>/",
        review.version_document,
        name="version_document",
    ),
    path("applications/<int:pk>/review/", applications.application_review, name="review"),
    path("applications/<int:pk>/conflict/", review.conflict, name="conflict"),
    path("applications/<int:pk>/complete/", review.complete, name="complete"),
    path("applications/<int:pk>/letter/", review.application_letter, name="letter"),
    path(
        "applications/<int:pk>/manage/", applications.application_manage, name="application_manage"
    ),
    path("plans/", plans.plan_list, name="plans"),
    path("plans/alerts/", plans.plan_alert_list, name="alerts"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/templates/", plans.template_list, name="templates"),
    path("plans/templates/<int:pk>/", plans.template_program, name="templates_program"),
    path("milestones/<int:pk>/evidence/", plans.milestone_evidence, name="milestone_evidence"),
    path("<str:code>/", views.program_detail, name="detail"),
]
