from technopark.publishing.views.opendata import (
    datapackage,
    figures_csv,
    figures_json,
    figures_page,
    methodology_page,
    reuse_page,
    sites_csv,
)
from technopark.publishing.views.reports import (
    report_create,
    report_download,
    report_now,
    report_retry_view,
    report_status,
    reports_page,
)
from technopark.publishing.views.showcase import (
    showcase_contact_view,
    showcase_detail,
    showcase_edit,
    showcase_feed,
    showcase_list,
    showcase_widget,
)
from technopark.publishing.views.sites import site_media, site_photo, site_photo_remove

__all__ = [
    "datapackage",
    "reuse_page",
    "sites_csv",
    "figures_csv",
    "figures_json",
    "figures_page",
    "methodology_page",
    "report_create",
    "report_download",
    "report_now",
    "report_retry_view",
    "report_status",
    "reports_page",
    "showcase_contact_view",
    "site_media",
    "site_photo",
    "site_photo_remove",
    "showcase_detail",
    "showcase_edit",
    "showcase_feed",
    "showcase_list",
    "showcase_widget",
]
