"""The guichet unique in the menu, in a startup's workspace and on a site's page."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.formatting import next_on
from technopark.core.hooks import AppHooks, NavItem, Panel, TodayItem
from technopark.desk.ical import personal_entries
from technopark.desk.models import Appointment, Service
from technopark.desk.permissions import managed_desks
from technopark.desk.services_files import late_steps


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    items = [NavItem(_("Guichet unique"), reverse("desk:index"), "operations")]
    if p.desk_ids or p.managed_site_ids or p.is_network_admin:
        items.append(NavItem(_("Desk day"), reverse("desk:my_desk"), "operations"))
    if p.startup_ids or p.desk_ids or p.staff_site_ids or p.is_network_admin:
        items.append(NavItem(_("Desk files"), reverse("desk:files"), "operations"))
    if can(request.user, "desk.compare"):
        items.append(NavItem(_("Desks compared"), reverse("desk:compare"), "operations"))
    return items


def workspace_links(request, startup) -> list[NavItem]:
    if not can(request.user, "startup.workspace", startup):
        return []
    links = [NavItem(_("Desk appointments"), reverse("desk:my_appointments"))]
    p = principal(request.user)
    if p.startup_ids or p.desk_ids or p.staff_site_ids or p.is_network_admin:
        links.append(NavItem(_("Files across the desks"), reverse("desk:files")))
    return links


def site_panels(request, site) -> list[Panel]:
    services = Prefetch("services", Service.objects.filter(active=True), "active_services")
    desks = list(site.desks.filter(active=True).prefetch_related(services).order_by("partner"))
    if not desks:
        return []
    return [
        Panel(
            "desk/_site_panel.html",
            {
                "site": site,
                "desks": desks,
                "can_manage": [d.pk for d in desks if can(request.user, "desk.manage", d)],
            },
        )
    ]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def today_items(request) -> list[TodayItem]:
    """Agents and site staff: today's appointments at their desks. Members: their next ones."""
    p = principal(request.user)
    if not p.is_authenticated:
        return []
    items = []
    start, end = _day_bounds(timezone.localdate())
    if p.desk_ids or p.managed_site_ids or p.is_network_admin:
        items.append(
            TodayItem(
                _("Today's desk appointments"),
                Appointment.objects.filter(
                    slot__desk__in=managed_desks(request.user).values("pk"),
                    status=Appointment.Status.BOOKED,
                    slot__starts_at__gte=start,
                    slot__starts_at__lt=end,
                ).count(),
                reverse("desk:my_desk"),
            )
        )
        late = late_steps(managed_desks(request.user)).count()
        if late:
            items.append(TodayItem(_("Late desk files"), late, reverse("desk:my_desk")))
    if p.startup_ids:
        coming = Appointment.objects.filter(
            startup_id__in=p.startup_ids,
            status=Appointment.Status.BOOKED,
            slot__starts_at__gte=timezone.now(),
        ).aggregate(n=Count("pk"), first=Min("slot__starts_at"))
        hint = next_on(coming["first"])
        items.append(
            TodayItem(
                _("Your coming desk appointments"),
                coming["n"],
                reverse("desk:my_appointments"),
                hint,
                "mine",
            )
        )
    return items


HOOKS = AppHooks(
    nav_items=nav_items,
    workspace_links=workspace_links,
    site_panels=site_panels,
    today_items=today_items,
    personal_entries=personal_entries,
)
