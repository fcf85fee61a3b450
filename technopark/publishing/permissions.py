"""Who edits a startup's showcase and who generates the bilan's reports.

The open-data page, the showcase, the widget and the feed are public. A showcase profile is
edited by the startup's members (and the network's administrators). Reports are generated
by staff; each sees the reports they asked for, administrators all of them.
"""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.publishing.models import ReportJob
from technopark.startups.models import Startup


def visible_reports(user) -> QuerySet[ReportJob]:
    p = principal(user)
    if p.is_network_admin:
        return ReportJob.objects.all()
    if not p.is_staff:
        return ReportJob.objects.none()
    return ReportJob.objects.filter(requested_by_id=p.user_id)


def showcase_startups() -> QuerySet[Startup]:
    """Startups that chose to be listed publicly."""
    return Startup.objects.filter(public=True)


@rule("showcase.edit")
def _showcase_edit(p: Principal, startup: Startup) -> bool:
    return p.is_member_of(startup.pk) or p.is_network_admin


@rule("report.generate")
def _report_generate(p: Principal, obj) -> bool:
    """Staff, for the network or for a site they work at; administrators for any scope."""
    if not p.is_staff:
        return False
    site = obj
    if site is None:
        return p.is_staff
    return p.works_at_site(site.pk) or p.is_network_admin or bool(p.operator_ids)
