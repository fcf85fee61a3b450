"""Who sees partner structures, the regions, the site pipeline and the scenario tool.

- The partner directory and the regions page are public.
- A partner's own pages (programs, startups, bilan, staff, upload) are seen by the
  network's own staff and by that partner's staff; anyone else gets a 404. The startups
  listed there are further narrowed by the startups app's own `visible_startups`.
- A partner administrator invites its officers and edits the partner's profile; both may
  upload the partner's records. Only the network's administrators add a partner.
- The pipeline, the scenario tool and the bilan split are for the network's own staff
  (administrators, site managers, program officers), not for partners.
"""

from __future__ import annotations

from django.db.models import QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.federation.models import SiteProject
from technopark.network.models import Operator


def is_network_staff(p: Principal) -> bool:
    return p.is_network_admin or bool(p.staff_site_ids)


def public_partners() -> QuerySet[Operator]:
    return Operator.objects.filter(public=True, is_network_operator=False).select_related("region")


def visible_partners(user) -> QuerySet[Operator]:
    """Partner organisations whose own pages the user may open."""
    p = principal(user)
    qs = Operator.objects.filter(is_network_operator=False).select_related("region")
    if is_network_staff(p):
        return qs
    return qs.filter(pk__in=p.operator_ids)


def visible_projects(user) -> QuerySet[SiteProject]:
    p = principal(user)
    qs = SiteProject.objects.select_related("site", "site__region")
    return qs if is_network_staff(p) else qs.none()


@rule("partner.view")
def _partner_view(p: Principal, operator: Operator) -> bool:
    return is_network_staff(p) or operator.pk in p.operator_ids


@rule("partner.add")
def _partner_add(p: Principal, obj) -> bool:
    return p.is_network_admin


@rule("partner.manage_staff")
def _partner_manage_staff(p: Principal, operator: Operator) -> bool:
    return p.is_network_admin or operator.pk in p.partner_admin_operator_ids


@rule("partner.change")
def _partner_change(p: Principal, operator: Operator) -> bool:
    return p.is_network_admin or operator.pk in p.partner_admin_operator_ids


@rule("partner.upload")
def _partner_upload(p: Principal, operator: Operator) -> bool:
    return p.is_network_admin or operator.pk in p.operator_ids


@rule("federation.network_staff")
def _network_staff(p: Principal, obj) -> bool:
    return is_network_staff(p)


@rule("project.view")
def _project_view(p: Principal, project: SiteProject) -> bool:
    return is_network_staff(p)


@rule("project.change")
def _project_change(p: Principal, project: SiteProject) -> bool:
    return p.is_network_admin


@rule("project.open_site")
def _project_open_site(p: Principal, project: SiteProject) -> bool:
    return p.is_network_admin
