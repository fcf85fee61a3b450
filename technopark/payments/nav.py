"""Payments' links on shared pages: pay online from the workspace, statements for managers."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.accounts.permissions import can, principal
from technopark.core.hooks import AppHooks, NavItem, TodayItem
from technopark.payments.models import BankTransaction


def nav_items(request) -> list[NavItem]:
    p = principal(getattr(request, "user", None))
    if p.is_network_admin or p.managed_site_ids:
        return [NavItem(_("Bank statements"), reverse("payments:statements_index"), "operations")]
    return []


def workspace_links(request, startup) -> list[NavItem]:
    if can(request.user, "payments.pay", startup):
        return [NavItem(_("Pay online"), reverse("payments:startup_pay", args=[startup.ref]))]
    return []


def today_items(request) -> list[TodayItem]:
    """Site managers: the transfers of their sites waiting in reconciliation (proposed or
    unknown), in one query grouped by site; the link lists exactly those: the site's page
    when they are all at one site, else the sites' list with each one's count."""
    p = principal(request.user)
    if not p.managed_site_ids:
        return []
    per_site = list(
        BankTransaction.objects.filter(
            statement__site_id__in=p.managed_site_ids,
            state__in=[BankTransaction.State.PROPOSED, BankTransaction.State.UNKNOWN],
        )
        .values("statement__site__code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not per_site:
        return []
    count = sum(row["n"] for row in per_site)
    if len(per_site) == 1:
        url = reverse("payments:site_statements", args=[per_site[0]["statement__site__code"]])
    else:
        url = reverse("payments:statements_index")
    return [TodayItem(_("Transfers waiting in reconciliation"), count, url)]


HOOKS = AppHooks(nav_items=nav_items, workspace_links=workspace_links, today_items=today_items)
