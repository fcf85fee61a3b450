"""Links the programs app adds to the main menu and to a startup's workspace."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.core.hooks import NavItem, TodayItem
from technopark.programs.models import Application, Milestone, Plan, ReviewAssignment
from technopark.programs.permissions import managed_calls, visible_plans


def nav_items(request) -> list[NavItem]:
    p = principal(request.user)
    items = [NavItem(_("Calls"), reverse("programs:calls"), "startups")]
    if p.is_network_admin or p.operator_ids or p.managed_site_ids or p.officer_scopes:
        items.append(NavItem(_("Plans"), reverse("programs:plans"), "startups"))
    elif p.is_authenticated:
        items.append(NavItem(_("My applications"), reverse("programs:applications"), "startups"))
    return items


def workspace_links(request, startup) -> list[NavItem]:
    plan = Plan.objects.filter(startup=startup).only("pk").first()
    if plan is None:
        return []
    return [NavItem(_("Accompaniment plan"), reverse("programs:plan", args=[plan.pk]))]


def today_items(request) -> list[TodayItem]:
    """Reviews to score; for those who run calls, applications to decide and late milestones."""
    p = principal(request.user)
    if not p.is_authenticated:
        return []
    items = []
    if p.is_expert or p.kinds & {"program_officer", "partner_admin", "partner_officer"}:
        items.append(
            TodayItem(
                _("Applications to score"),
                ReviewAssignment.objects.filter(
                    reviewer_id=p.user_id, submitted_at__isnull=True
                ).count(),
                reverse("programs:applications"),
            )
        )
    if p.is_network_admin or p.operator_ids or p.managed_site_ids or p.officer_scopes:
        items.append(
            TodayItem(
                _("Applications to decide"),
                Application.objects.filter(
                    call__in=managed_calls(request.user).values("pk"),
                    status__in=[Application.Status.SUBMITTED, Application.Status.INTERVIEW],
                ).count(),
                reverse("programs:calls"),
            )
        )
        items.append(
            TodayItem(
                _("Late milestones of accompaniment plans"),
                Milestone.objects.filter(
                    plan__in=visible_plans(request.user).values("pk"),
                    status__in=Milestone.OPEN,
                    due_on__lt=timezone.localdate(),
                ).count(),
                reverse("programs:alerts"),
            )
        )
    return items
