"""Who sees and runs a site's billing: invoices, payments, credit notes, charges, the journal.

The site's staff (managers and program officers) read its billing screens; its managers
(and network administrators) record payments, issue credit notes and export the journal.
A startup's members see their own invoices and receipts, no one else's.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.billing.models import HistoricalInvoice, Invoice
from technopark.network.models import Site


def billing_sites(user) -> QuerySet[Site]:
    """Sites whose billing screens the user sees."""
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.all()
    return Site.objects.filter(pk__in=p.staff_site_ids)


def visible_invoices(user) -> QuerySet[Invoice]:
    p = principal(user)
    qs = Invoice.objects.select_related("site", "startup", "lease")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(Q(site_id__in=p.staff_site_ids) | Q(startup_id__in=p.startup_ids))


def visible_historical_invoices(user) -> QuerySet[HistoricalInvoice]:
    """Invoices issued before the platform, seen by whoever sees the site's invoices or
    is a member of the startup billed."""
    p = principal(user)
    qs = HistoricalInvoice.objects.select_related("site", "startup")
    if p.is_network_admin:
        return qs
    if not p.is_authenticated:
        return qs.none()
    return qs.filter(Q(site_id__in=p.staff_site_ids) | Q(startup_id__in=p.startup_ids))


@rule("billing.view_site")
def _view_site(p: Principal, site: Site) -> bool:
    return p.works_at_site(site.pk)


@rule("billing.manage")
def _manage(p: Principal, site: Site) -> bool:
    return p.manages_site(site.pk)


@rule("invoice.view")
def _invoice_view(p: Principal, invoice: Invoice) -> bool:
    return p.works_at_site(invoice.site_id) or p.is_member_of(invoice.startup_id)


@rule("invoice.pay")
def _invoice_pay(p: Principal, invoice: Invoice) -> bool:
    return p.manages_site(invoice.site_id)


@rule("invoice.remind")
def _invoice_remind(p: Principal, invoice: Invoice) -> bool:
    """A payment reminder by hand: the site's managers (as for payments)."""
    return p.manages_site(invoice.site_id)
