"""Hosting's links on shared pages: the staff menu, the startup workspace, the site page."""

from __future__ import annotations

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.billing.permissions import visible_invoices
from technopark.billing.selectors import invoices_with_balance
from technopark.core import clock
from technopark.core.hooks import AppHooks, NavItem, Panel, TodayItem
from technopark.hosting.models import Lease, WaitingEntry
from technopark.hosting.permissions import hosting_sites, visible_leases, visible_waiting
from technopark.hosting.views.contracts import REMINDER_WINDOW
from technopark.startups.models import Startup


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    if p.is_network_admin or p.staff_site_ids:
        return [
            NavItem(_("Hosting"), reverse("hosting:index"), "operations"),
            NavItem(_("Arrears by age"), reverse("billing:network_arrears"), "operations"),
        ]
    return []


def workspace_links(request, startup) -> list[NavItem]:
    if can(request.user, "startup.invoices", startup):
        return [
            NavItem(
                _("Contracts and invoices"), reverse("hosting:startup_invoices", args=[startup.ref])
            )
        ]
    return []


def site_panels(request, site) -> list[Panel]:
    if not can(request.user, "hosting.view_site", site):
        return []
    return [Panel("hosting/_site_panel.html", {"site": site})]


SITE_PAGE_RESIDENTS = 30  # the site page lists this many; the directory lists them all


def site_context(request, site, day, show_tenants: bool) -> dict:
    """A site's page: occupancy, its spaces summed up by floor, the first residents.

    The page once drew every space and every resident (3,000 template nodes on
    Casablanca); the full plan is hosting's spaces page, the full list the directory.
    The database sums the floors up and counts the residents: the page reads a few rows
    whatever the size of the site.
    """
    from urllib.parse import quote, urlencode

    from technopark.hosting.selectors import floor_occupancy, occupancy_of, site_residents

    floors = floor_occupancy(site, day)
    residents = site_residents(site, day, public_only=not show_tenants)
    detail = reverse("startups:detail", args=["REF"]).replace("REF", "{}")
    shown = [
        (s, detail.format(quote(s["ref"], safe="")))
        for s in residents.values("name", "ref", "sector")[:SITE_PAGE_RESIDENTS]
    ]
    return {
        "floors": floors if show_tenants else [],
        "occupancy": occupancy_of(floors),
        "residents_count": residents.count() if len(shown) == SITE_PAGE_RESIDENTS else len(shown),
        "residents_shown": shown,
        "residents_url": reverse("startups:directory")
        + "?"
        + urlencode({"site": site.code, "status": "resident"}),
        "spaces_url": reverse("hosting:site_spaces", args=[site.code])
        + "?"
        + urlencode({"date": day.isoformat()})
        if can(request.user, "hosting.view_site", site)
        else "",
    }


def startup_filter_q(name: str, value: str, today) -> Q | None:
    """The startups' directory: holding a contract at a site, resident today."""
    from technopark.hosting.models import Lease

    leases = Lease.objects.filter(startup=OuterRef("pk"))
    if name == "site":
        return Q(Exists(leases.filter(site__code=value)))
    if name == "status" and value == "resident":
        return Q(Exists(leases.active_on(today)))
    return None


def startup_timeline(startup, *, private: bool) -> list:
    if not private:
        return []
    from technopark.startups.selectors import TimelineEntry

    entries = []
    for lease in startup.leases.signed().select_related("space"):
        entries.append(
            TimelineEntry(
                lease.starts_on, "lease", _("Moved into %(space)s") % {"space": lease.space}
            )
        )
        if lease.ends_on:
            entries.append(
                TimelineEntry(
                    lease.ends_on, "lease_end", _("Handed back %(space)s") % {"space": lease.space}
                )
            )
    return entries


def today_items(request) -> list[TodayItem]:
    """Staff: contracts to sign or to renew/end, offers awaiting an answer, overdue invoices.
    Members: their startup's unpaid invoices."""
    user = request.user
    p = principal(user)
    today = clock.today()
    overdue = (
        invoices_with_balance(visible_invoices(user).filter(due_on__lt=today))
        .filter(balance_mad__gt=0)
        .values("pk")
    )
    if not (p.is_network_admin or p.managed_site_ids):
        # Hosting is the site managers' work; a program officer's home leaves it out.
        if not p.startup_ids:
            return []
        startup = Startup.objects.filter(pk__in=p.startup_ids).only("ref").order_by("pk").first()
        if startup is None:
            return []
        mine = reverse("hosting:startup_invoices", args=[startup.ref])
        offers = WaitingEntry.objects.filter(
            startup_id=startup.pk, status=WaitingEntry.Status.OFFERED
        ).aggregate(n=Count("pk"), by=Min("answer_by"))
        hint = ""
        if offers["by"]:
            hint = _("to answer by %(day)s") % {
                "day": formats.date_format(offers["by"], "SHORT_DATE_FORMAT")
            }
        return [
            TodayItem(
                _("Your unpaid invoices past their due date"),
                overdue.count(),
                mine,
                section="mine",
            ),
            TodayItem(_("A space offered to you"), offers["n"], mine + "#offers", hint, "mine"),
        ]
    codes = list(hosting_sites(user).order_by("code").values_list("code", flat=True)[:2])
    one = codes[0] if len(codes) == 1 else None

    def at(name: str, query: str = "") -> str:
        if one is None:
            return reverse("hosting:index")
        return reverse(name, args=[one]) + query

    leases = visible_leases(user)
    return [
        TodayItem(
            _("Contracts to sign"),
            leases.filter(status=Lease.Status.DRAFT).count(),
            at("hosting:contract_list", "?status=draft"),
        ),
        TodayItem(
            _("Contracts to renew or end (next 60 days)"),
            leases.filter(
                status__in=[Lease.Status.ACTIVE, Lease.Status.NOTICE],
                planned_end__lte=today + REMINDER_WINDOW,  # what "?status=ending" lists
            ).count(),
            at("hosting:contract_list", "?status=ending&sort=planned_end"),
        ),
        TodayItem(
            _("Offers of a space awaiting an answer"),
            visible_waiting(user).filter(status=WaitingEntry.Status.OFFERED).count(),
            at("hosting:waiting_list"),
        ),
        TodayItem(
            _("Overdue invoices"), overdue.count(), at("billing:invoice_list", "?state=overdue")
        ),
    ]


HOOKS = AppHooks(
    nav_items=nav_items,
    workspace_links=workspace_links,
    site_panels=site_panels,
    site_context=site_context,
    startup_filter_q=startup_filter_q,
    startup_timeline=startup_timeline,
    today_items=today_items,
)
