"""Who pays online and who reconciles bank statements.

A startup's founders pay its invoices by card (its teammates see the invoices, they do not
commit the startup's card); the managers of a site (and network administrators) import
statements and decide on its transfers. What a person may not see is a 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from technopark.accounts.permissions import Principal, principal, rule
from technopark.network.models import Site
from technopark.payments import ledger
from technopark.payments.models import BankTransaction, ClientCredit, OnlinePayment


def reconcile_sites(user) -> QuerySet[Site]:
    p = principal(user)
    if p.is_network_admin:
        return Site.objects.all()
    return Site.objects.filter(pk__in=p.managed_site_ids)


def visible_transactions(user) -> QuerySet[BankTransaction]:
    p = principal(user)
    qs = BankTransaction.objects.select_related("statement__site", "invoice__site")
    if p.is_network_admin:
        return qs
    return qs.filter(statement__site_id__in=p.managed_site_ids)


def visible_online_payments(user) -> QuerySet[OnlinePayment]:
    p = principal(user)
    qs = OnlinePayment.objects.select_related("startup")
    if p.is_network_admin:
        return qs
    return qs.filter(startup_id__in=p.startup_ids)


@rule("payments.pay")
def _pay(p: Principal, startup) -> bool:
    return p.is_founder_of(startup.pk)


@rule("payments.reconcile")
def _reconcile(p: Principal, site) -> bool:
    return site is not None and p.manages_site(site.pk)


@rule("payments.reconcile_any")
def _reconcile_any(p: Principal, obj) -> bool:
    return p.is_network_admin or bool(p.managed_site_ids)


@rule("bank_transaction.decide")
def _decide(p: Principal, tx: BankTransaction) -> bool:
    site_id = tx.statement.site_id
    return p.is_network_admin if site_id is None else p.manages_site(site_id)


def visible_credits(user) -> QuerySet[ClientCredit]:
    """A client's credits, seen by whoever sees the invoice it came from."""
    return ClientCredit.objects.select_related("startup", "invoice__site").filter(
        invoice__in=ledger.visible_invoices(user)
    )


@rule("client_credit.apply")
def _credit_apply(p: Principal, credit: ClientCredit) -> bool:
    return credit.invoice_id is not None and p.manages_site(credit.invoice.site_id)


def refundable_online_payments(user) -> QuerySet[OnlinePayment]:
    """Card payments seen by the startup's members and by the managers of a site whose
    invoice they paid (network administrators: all)."""
    p = principal(user)
    qs = OnlinePayment.objects.select_related("startup")
    if p.is_network_admin:
        return qs
    return qs.filter(
        Q(startup_id__in=p.startup_ids) | Q(items__invoice__site_id__in=p.managed_site_ids)
    ).distinct()


@rule("online_payment.refund")
def _refund(p: Principal, order: OnlinePayment) -> bool:
    return p.is_network_admin or any(
        p.manages_site(site_id)
        for site_id in order.items.values_list("invoice__site_id", flat=True)
    )
