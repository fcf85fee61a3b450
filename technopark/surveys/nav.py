"""Links the collection work adds to shared pages."""

from __future__ import annotations

from django.db.models import Min
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import NavItem, TodayItem
from technopark.startups.models import Startup
from technopark.surveys.models import CampaignRequest
from technopark.surveys.permissions import visible_campaigns


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
    """Staff: requests of open campaigns still unanswered. Members: what the network asks."""
    p = principal(request.user)
    today = timezone.localdate()
    open_requests = CampaignRequest.objects.filter(
        answered_at__isnull=True, campaign__opens_on__lte=today, campaign__closes_on__gte=today
    )
    items = []
    if p.is_staff:
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
        startup = Startup.objects.filter(pk__in=p.startup_ids).only("ref").order_by("pk").first()
        asked = open_requests.filter(startup_id__in=p.startup_ids).aggregate(
            first=Min("campaign__closes_on")
        )
        due = open_requests.filter(startup_id__in=p.startup_ids).count()
        hint = ""
        if asked["first"]:
            hint = _("to answer by %(day)s") % {
                "day": formats.date_format(asked["first"], "SHORT_DATE_FORMAT")
            }
        if startup is not None and can(request.user, "declaration.submit", startup):
            items.append(
                TodayItem(
                    _("What the network asks of you (declaration, survey)"),
                    due,
                    reverse("surveys:declare", args=[startup.ref]),
                    hint,
                    "mine",
                )
            )
    return items
