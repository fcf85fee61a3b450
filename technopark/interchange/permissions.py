"""Who may import and export the network's records.

Network administrators import everything and export everything. A partner's
administrator may upload its own records only (the import is restricted to that
operator's programs and startups). Nobody else sees these pages (404).
"""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.interchange.models import ImportJob


def visible_jobs(user) -> QuerySet[ImportJob]:
    p = principal(user)
    jobs = ImportJob.objects.select_related("created_by", "operator")
    if p.is_network_admin:
        return jobs
    if p.partner_admin_operator_ids:
        return jobs.filter(operator_id__in=p.partner_admin_operator_ids)
    return jobs.none()


@rule("interchange.import")
def _import(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.partner_admin_operator_ids)


@rule("interchange.import_unrestricted")
def _import_unrestricted(p: Principal, obj) -> bool:
    return p.is_network_admin


@rule("interchange.export")
def _export(p: Principal, obj) -> bool:
    return p.is_network_admin


@rule("interchange.view_job")
def _view_job(p: Principal, job: ImportJob) -> bool:
    return p.is_network_admin or (
        job.operator_id is not None and job.operator_id in p.partner_admin_operator_ids
    )


@rule("interchange.confirm_job")
def _confirm_job(p: Principal, job: ImportJob) -> bool:
    return _view_job(p, job) and job.status == ImportJob.Status.CHECKED


@rule("interchange.remap_job")
def _remap_job(p: Principal, job: ImportJob) -> bool:
    """Change the mapping of a checked upload, or fix its cells, and check it again."""
    return _view_job(p, job) and job.status in (
        ImportJob.Status.CHECKED,
        ImportJob.Status.REJECTED,
    )
