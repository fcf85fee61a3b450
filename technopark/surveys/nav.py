"""Links the collection work adds to shared pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem, Panel, TodayItem
from technopark.surveys.models import CampaignRequest
from technopark.surveys.permissions import visible_campaigns
from technopark.surveys.selectors import pending_requests


def nav_items(request) -> list[NavItem]:
    items = []
    if principal(request.user).is_staff:
        items.append(NavItem(_("Campaigns"), reverse("surveys:campaigns"), "community"))
    if can(request.user, "satisfaction.results"):
        items.append(NavItem(_("Satisfaction"), reverse("surveys:satisfaction"), "community"))
    return items


def workspace_links(request, startup) -> list[NavItem]:
    if not can(request.user, "declaration.submit", startup):
        return []
    return [NavItem(_("Declare your figures"), reverse("surveys:declare", args=[startup.ref]))]


def today_items(request) -> list[TodayItem]:
    """Staff: requests of open campaigns still unanswered. Members: what the network asks of
    their startups (declarations and surveys of open campaigns), until they answer."""
    p = principal(request.user)
    today = timezone.localdate()
    items = []
    if p.is_staff:
        open_requests = CampaignRequest.objects.filter(
            answered_at__isnull=True, campaign__opens_on__lte=today, campaign__closes_on__gte=today
        )
        items.append(
            TodayItem(
                _("Declarations and surveys still due"),
                open_requests.filter(campaign__in=visible_campaigns(request.user).values("pk"))
                .filter(**({} if p.is_network_admin else {"site_id__in": p.staff_site_ids}))
                .count(),
                reverse("surveys:campaigns"),
            )
        )
    if p.startup_ids:
        # One query: a person's startups are asked a handful of things at most.
        asked = list(
            pending_requests(p.startup_ids, today=today).values_list(
                "pk", "startup__ref", "campaign__closes_on"
            )[:50]
        )
        if asked:
            first_pk, first_ref, first_day = asked[0]
            url = (
                reverse("surveys:request_open", args=[first_pk])
                if len(asked) == 1
                else reverse("startups:workspace", args=[first_ref])
            )
            hint = _("to answer by %(day)s") % {
                "day": formats.date_format(first_day, "SHORT_DATE_FORMAT")
            }
        else:
            url, hint = reverse("startups:my_workspace"), ""
        items.append(
            TodayItem(
                _("What the network asks of you (declaration, survey)"),
                len(asked),
                url,
                hint,
                "mine",
            )
        )
    return items


def workspace_panels(request, startup) -> list[Panel]:
    """A notice at the top of the workspace: what the network asks, until it is answered."""
    if not principal(request.user).is_member_of(startup.pk):
        return []
    asked = list(pending_requests([startup.pk], today=timezone.localdate()))
    if not asked:
        return []
    return [Panel("surveys/_asked_panel.html", {"asked": asked})]


HOOKS = AppHooks(
    nav_items=nav_items,
    workspace_links=workspace_links,
    today_items=today_items,
    workspace_panels=workspace_panels,
)
