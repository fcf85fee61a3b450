"""The services catalogue in the main menu and in a startup's workspace."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.formatting import next_on
from technopark.core.hooks import AppHooks, NavItem, TodayItem
from technopark.support.ical import personal_entries
from technopark.support.models import ExpertSession, ServiceRequest


def nav_items(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    items = [NavItem(_("Services"), reverse("support:catalogue"), "startups")]
    if can(user, "support.queue"):
        items.append(NavItem(_("Support queue"), reverse("support:queue"), "startups"))
    if can(user, "expert.manage"):
        items.append(NavItem(_("Experts"), reverse("support:experts"), "startups"))
    if principal(user).is_expert:
        items.append(NavItem(_("My expert profile"), reverse("support:expert_profile"), "account"))
        items.append(NavItem(_("My weekly slots"), reverse("support:expert_slots"), "account"))
    if principal(user).startup_ids:
        items.append(
            NavItem(_("Book an expert's slot"), reverse("support:expert_book"), "startups")
        )
    return items


def workspace_links(request, startup) -> list[NavItem]:
    links = [
        NavItem(_("Ask for a service"), reverse("support:request_create")),
        NavItem(_("Book an expert"), reverse("support:request_create") + "?family=network"),
    ]
    if principal(request.user).is_member_of(startup.pk):
        links.append(NavItem(_("Experts' free slots"), reverse("support:expert_book")))
    return links


def today_items(request) -> list[TodayItem]:
    """Those who answer requests: the new ones and the late ones. Members: their coming
    expert sessions. Experts: the sessions startups proposed that await their answer."""
    user = getattr(request, "user", None)
    p = principal(user)
    items = []
    if p.officer_scopes or p.operator_ids or p.is_network_admin:
        from technopark.support.permissions import queue
        from technopark.support.services import late_q

        mine = queue(user)
        items += [
            TodayItem(
                _("New service requests"),
                mine.filter(status=ServiceRequest.Status.NEW).count(),
                reverse("support:queue") + "?status=new",
            ),
            TodayItem(
                _("Late service requests"),
                mine.filter(late_q()).count(),
                reverse("support:queue") + "?status=late",
            ),
        ]
    if p.startup_ids:
        coming = ExpertSession.objects.filter(
            request__startup_id__in=p.startup_ids,
            status__in=[ExpertSession.Status.PROPOSED, ExpertSession.Status.ACCEPTED],
            starts_at__gte=timezone.now(),
        ).aggregate(n=Count("pk"), first=Min("starts_at"))
        items.append(
            TodayItem(
                _("Your coming expert sessions"),
                coming["n"],
                reverse("support:catalogue") + "#sessions",
                next_on(coming["first"]),
                "mine",
            )
        )
    if not p.is_expert:
        return items
    waiting = ExpertSession.objects.filter(
        expert__user_id=p.user_id,
        status=ExpertSession.Status.PROPOSED,
        starts_at__gte=timezone.now(),
    ).aggregate(n=Count("pk"), first=Min("starts_at"))
    return [
        *items,
        TodayItem(
            _("Expert sessions awaiting your answer"),
            waiting["n"],
            reverse("support:expert_profile") + "#awaiting",
            next_on(waiting["first"]),
        ),
    ]


HOOKS = AppHooks(
    nav_items=nav_items,
    workspace_links=workspace_links,
    today_items=today_items,
    personal_entries=personal_entries,
)
