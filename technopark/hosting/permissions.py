"""Who sees and runs a site's hosting: spaces, contracts, waiting list (invoices: billing).

The site's staff (managers and program officers) see its hosting screens; its managers
(and network administrators) change contracts and the waiting list. A
startup's members see their own contracts and invoices, no one else's; only its founders
give notice or answer a space offer.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.hosting.models import Lease, WaitingEntry
from technopark.network.models import Site


def hosting_sites(user) -> QuerySet[Site]:
    """Sites whose hosting screens the user sees."""
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.all()
    return Site.objects.filter(pk__in=p.staff_site_ids)


def visible_leases(user) -> QuerySet[Lease]:
    p = principal(user)
    qs = Lease.objects.select_related("site", "space", "startup", "previous")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(Q(site_id__in=p.staff_site_ids) | Q(startup_id__in=p.startup_ids))


def visible_waiting(user) -> QuerySet[WaitingEntry]:
    p = principal(user)
    qs = WaitingEntry.objects.select_related("site", "startup", "offered_space")
    if p.is_network_admin:
        return qs
    return qs.filter(site_id__in=p.staff_site_ids)


@rule("hosting.view_site")
def _view_site(p: Principal, site: Site) -> bool:
    return p.works_at_site(site.pk)


@rule("hosting.manage")
def _manage(p: Principal, site: Site) -> bool:
    return p.manages_site(site.pk)


@rule("lease.view")
def _lease_view(p: Principal, lease: Lease) -> bool:
    return p.works_at_site(lease.site_id) or p.is_member_of(lease.startup_id)


@rule("lease.change")
def _lease_change(p: Principal, lease: Lease) -> bool:
    return p.manages_site(lease.site_id)


@rule("startup.invoices")
def _startup_invoices(p: Principal, startup) -> bool:
    """A startup's contracts and invoices page: its members, the staff of a site where it
    is hosted, and network administrators."""
    if p.is_member_of(startup.pk) or p.is_network_admin:
        return True
    return bool(p.staff_site_ids) and (
        Lease.objects.filter(startup_id=startup.pk, site_id__in=p.staff_site_ids).exists()
    )


# Ending a contract and taking a space commit the startup: its founders decide, as they
# alone invite people into it (`startup.invite`). Teammates see the contracts and offers.


@rule("lease.give_notice")
def _lease_give_notice(p: Principal, lease: Lease) -> bool:
    """A founder gives notice from the workspace; the site's managers may record it."""
    return p.is_founder_of(lease.startup_id) or p.manages_site(lease.site_id)


@rule("waiting.respond")
def _waiting_respond(p: Principal, entry: WaitingEntry) -> bool:
    """Accepting or declining an offer is the startup's own answer, given by a founder."""
    return p.is_founder_of(entry.startup_id)


@rule("startup.workspace_answer")
def _workspace_answer(p: Principal, startup) -> bool:
    """The startup's founders answer offers and give notice from its workspace."""
    return p.is_founder_of(startup.pk)
