from django.urls import path

from technopark.federation import views

app_name = "federation"
urlpatterns = [
    path("partners/", views.partner_directory, name="partner_directory"),
    path("partners/<slug:slug>/", views.partner_profile, name="partner_profile"),
    path("space/", views.partner_space, name="partner_space"),
    path("new-partner/", views.partner_new, name="partner_new"),
    path("space/<slug:slug>/profile/", views.partner_edit, name="partner_edit"),
    path("space/<slug:slug>/", views.partner_home, name="partner_home"),
    path("space/<slug:slug>/bilan/", views.partner_bilan, name="partner_bilan"),
    path("space/<slug:slug>/staff/", views.partner_staff, name="partner_staff"),
    path(
        "space/<slug:slug>/staff/<int:user_id>/remove/",
        views.partner_staff_remove_view,
        name="partner_staff_remove",
    ),
    path("space/<slug:slug>/upload/", views.partner_upload, name="partner_upload"),
    path("bilan/", views.bilan_split_view, name="bilan_split"),
    path("regions/", views.region_list, name="region_list"),
    path("regions/<str:code>/", views.region_detail, name="region_detail"),
    path("pipeline/", views.pipeline_list, name="pipeline_list"),
    path("pipeline/<str:code>/", views.pipeline_detail, name="pipeline_detail"),
    path(
        "pipeline/<str:code>/milestones/<str:kind>/",
        views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "pipeline/<str:code>/checklist/<int:item_id>/",
        views.checklist_toggle,
        name="checklist_toggle",
    ),
    path("pipeline/<str:code>/open/", views.site_open_view, name="site_open"),
    path("scenarios/", views.scenario_view, name="scenario"),
]
