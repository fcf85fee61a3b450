"""Links the programs app adds to the main menu and to a startup's workspace."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import principal
from technopark.core.hooks import AppHooks, NavItem, TodayItem
from technopark.programs.ical import personal_entries
from technopark.programs.models import Application, Milestone, Plan, ReviewAssignment
from technopark.programs.permissions import visible_plans
from technopark.programs.selectors import applications_to_decide


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


def site_context(request, site, day, show_tenants: bool) -> dict:
    from technopark.programs.selectors import site_programs

    return {"programs": site_programs(site)}


def _enrollments():
    from technopark.programs.models import Enrollment

    return Enrollment.objects.filter(startup=OuterRef("pk"))


def startup_filter_q(name: str, value: str, today) -> Q | None:
    """The startups' directory: enrolled at a site, in a program, in a program now, alumni."""
    enrollments = _enrollments()
    if name == "site":
        return Q(Exists(enrollments.filter(site__code=value)))
    if name == "program":
        return Q(Exists(enrollments.filter(program__code=value)))
    if name == "status" and value == "in_program":
        running = enrollments.filter(started_on__lte=today).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=today)
        )
        return Q(Exists(running))
    if name == "status" and value == "alumni":
        running = enrollments.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        return Q(Exists(enrollments)) & ~Q(Exists(running))
    return None


def startup_filter_choices() -> dict:
    from technopark.programs.models import Program

    return {"programs": Program.objects.order_by("name")}


def startup_timeline(startup, *, private: bool) -> list:
    from technopark.startups.selectors import TimelineEntry

    entries = []
    for e in startup.enrollments.select_related("program", "site"):
        entries.append(
            TimelineEntry(
                e.started_on,
                "enrollment",
                _("Joined %(program)s at %(site)s")
                % {"program": e.program.name, "site": e.site.name},
            )
        )
        if e.ended_on:
            entries.append(
                TimelineEntry(
                    e.ended_on,
                    "exit",
                    _("Left %(program)s: %(outcome)s")
                    % {"program": e.program.name, "outcome": e.get_outcome_display()},
                )
            )
    return entries


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
                    reviewer_id=p.user_id,
                    submitted_at__isnull=True,
                    withdrawn_at__isnull=True,  # withdrawn: a declared conflict of interest
                    application__status__in=Application.UNDER_REVIEW,
                ).count(),
                reverse("programs:applications"),
            )
        )
    # Selection and plans are the program officers' work (and the network's, the
    # partners'); a site manager's home leaves them to them.
    if p.is_network_admin or p.operator_ids or p.officer_scopes:
        items.append(
            TodayItem(
                _("Applications to decide"),
                applications_to_decide(request.user).count(),
                reverse("programs:applications") + "?to=decide",
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


HOOKS = AppHooks(
    nav_items=nav_items,
    workspace_links=workspace_links,
    site_context=site_context,
    startup_filter_q=startup_filter_q,
    startup_filter_choices=startup_filter_choices,
    startup_timeline=startup_timeline,
    today_items=today_items,
    personal_entries=personal_entries,
)
