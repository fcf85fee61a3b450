"""Who runs campaigns, who declares for a startup, and who reads the satisfaction answers.

Campaigns are run by staff: the network's administrators see all of them, site staff the
campaigns that target one of their sites (or that they opened). A startup's members and the
staff following it declare its figures. Satisfaction answers are read by staff, for the
startups whose private records they may read.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.startups.models import Startup
from technopark.startups.permissions import in_private_scope, private_startups
from technopark.surveys.models import Campaign, CampaignRequest, MetricAnswer, SatisfactionAnswer


def visible_campaigns(user) -> QuerySet[Campaign]:
    p = principal(user)
    if p.is_network_admin:
        return Campaign.objects.all()
    if not p.is_staff or not p.staff_site_ids:
        return Campaign.objects.none()
    ids = Campaign.objects.filter(
        Q(sites__in=p.staff_site_ids) | Q(created_by_id=p.user_id)
    ).values("pk")
    return Campaign.objects.filter(pk__in=ids)


def visible_requests(user, campaign: Campaign) -> QuerySet[CampaignRequest]:
    """The requests of a campaign about startups the user may follow."""
    p = principal(user)
    qs = campaign.requests.select_related("startup", "site", "program")
    if p.is_network_admin:
        return qs
    return qs.filter(startup__in=private_startups(user))


def visible_asked_requests(user) -> QuerySet[CampaignRequest]:
    """The requests addressed to the user's own startups: what the network asks of them."""
    p = principal(user)
    if not p.startup_ids:
        return CampaignRequest.objects.none()
    return CampaignRequest.objects.filter(startup_id__in=p.startup_ids)


def visible_metric_answers(user, campaign: Campaign) -> QuerySet[MetricAnswer]:
    """The extra figures a campaign's startups gave, for the startups the user may follow."""
    return MetricAnswer.objects.filter(request__in=visible_requests(user, campaign).values("pk"))


def visible_answers(user) -> QuerySet[SatisfactionAnswer]:
    p = principal(user)
    if p.is_network_admin:
        return SatisfactionAnswer.objects.all()
    if not p.is_staff:
        return SatisfactionAnswer.objects.none()
    return SatisfactionAnswer.objects.filter(startup__in=private_startups(user))


@rule("campaign.add")
def _campaign_add(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.is_staff and p.staff_site_ids)


@rule("campaign.view")
def _campaign_view(p: Principal, campaign: Campaign) -> bool:
    if p.is_network_admin:
        return True
    if not p.is_staff:
        return False
    site_ids = {s.pk for s in campaign.sites.all()}
    return bool(site_ids & p.staff_site_ids) or campaign.created_by_id == p.user_id


@rule("campaign.change")
def _campaign_change(p: Principal, campaign: Campaign) -> bool:
    """The network's administrators; site staff for a campaign they opened or that targets
    only sites they work at."""
    if p.is_network_admin:
        return True
    if not p.is_staff or not p.staff_site_ids:
        return False
    if campaign.created_by_id == p.user_id:
        return True
    site_ids = {s.pk for s in campaign.sites.all()}
    return bool(site_ids) and site_ids <= p.staff_site_ids


@rule("declaration.submit")
def _declaration_submit(p: Principal, startup: Startup) -> bool:
    """The startup's members, and staff who follow it (e.g. typing a paper form)."""
    if p.is_member_of(startup.pk):
        return True
    return p.is_staff and in_private_scope(p, startup)


@rule("satisfaction.results")
def _satisfaction_results(p: Principal, obj) -> bool:
    return p.is_staff
