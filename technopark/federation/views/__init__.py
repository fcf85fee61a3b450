"""The federation's pages: partners, regions, the site pipeline and the scenario tool."""

from technopark.federation.views.partners import (
    bilan_split_view,
    partner_bilan,
    partner_directory,
    partner_edit,
    partner_home,
    partner_new,
    partner_profile,
    partner_space,
    partner_staff,
    partner_staff_remove_view,
    partner_upload,
)
from technopark.federation.views.pipeline import (
    checklist_toggle,
    milestone_edit,
    pipeline_detail,
    pipeline_list,
    scenario_view,
    site_open_view,
)
from technopark.federation.views.regions import region_detail, region_list

__all__ = [
    "bilan_split_view",
    "checklist_toggle",
    "milestone_edit",
    "partner_bilan",
    "partner_directory",
    "partner_edit",
    "partner_home",
    "partner_new",
    "partner_profile",
    "partner_space",
    "partner_staff",
    "partner_staff_remove_view",
    "partner_upload",
    "pipeline_detail",
    "pipeline_list",
    "region_detail",
    "region_list",
    "scenario_view",
    "site_open_view",
]
