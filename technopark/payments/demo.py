"""The demo's payments: two card payments at Casablanca (one paid, one declined, the founder's
open invoice still to pay), and an imported statement with a transfer recorded by its
invoice number, one proposed (same amount and client) and one unknown, waiting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import F

from technopark.core.demo import DemoContext
from technopark.payments import ledger, services
from technopark.payments.providers import CmiProvider
from technopark.startups.models import Membership


def _simulated_result(gateway: CmiProvider, order, approved: bool) -> dict[str, str]:
    """What the gateway posts back, signed as it signs it (the demo runs no simulator)."""
    _url, fields = gateway.checkout(
        oid=order.oid,
        amount=order.amount_mad,
        ok_url=f"{settings.SITE_URL}/payments/gateway/return/",
        fail_url=f"{settings.SITE_URL}/payments/gateway/return/",
        callback_url=f"{settings.SITE_URL}/payments/gateway/callback/",
        language="fr",
    )
    fields.pop("HASH")
    fields.update(
        {
            "ProcReturnCode": "00" if approved else "51",
            "Response": "Approved" if approved else "Declined",
            "TransId": f"DEMO{order.pk:06d}",
            "ErrMsg": "" if approved else "Insufficient funds",
        }
    )
    from technopark.payments.providers import cmi_hash

    fields["HASH"] = cmi_hash(fields, gateway.store_key)
    return fields


def seed(ctx: DemoContext) -> None:
    """Draws nothing from `ctx.rng`: the parts after this one see the same network."""
    casa_open = list(
        ledger.invoices_with_balance(ledger.Invoice.objects.filter(site__code="CASA"))
        .filter(total_mad__gt=F("paid_mad") + F("credited_mad"), paid_mad=0)
        .select_related("startup", "site")
        # the newest first: the overdue ones stay the site's arrears, to chase
        .order_by("-period", "number")
    )
    founder = ctx.users.get("founder")
    membership = (
        Membership.objects.filter(user=founder).select_related("startup").order_by("pk").first()
        if founder
        else None
    )
    founder_startup = membership.startup if membership else None
    others = [i for i in casa_open if founder_startup is None or i.startup_id != founder_startup.pk]
    if len(others) < 3:
        ctx.log("no open invoice to pay")
        return
    gateway = CmiProvider(
        gateway_url=settings.PAYMENTS_GATEWAY_URL,
        client_id=settings.PAYMENTS_CMI_CLIENT_ID,
        store_key=settings.PAYMENTS_CMI_STORE_KEY,
    )
    # Paid by card: another resident's invoice.
    paid = services.online_payment_start(
        startup=others[0].startup,
        invoices=[others[0]],
        by=None,
        language="fr",
        oid=f"DEMO{others[0].pk:06d}",
    )
    services.online_payment_callback(
        params=_simulated_result(gateway, paid, True), provider=gateway
    )
    # Declined: the founder's open invoice (it stays to pay, from the workspace).
    mine = [i for i in casa_open if founder_startup and i.startup_id == founder_startup.pk]
    target = mine[0] if mine else others[1]
    failed = services.online_payment_start(
        startup=target.startup,
        invoices=[target],
        by=founder,
        language="fr",
        oid=f"DEMO{target.pk:06d}F",
    )
    services.online_payment_callback(
        params=_simulated_result(gateway, failed, False), provider=gateway
    )
    # A statement: one transfer by invoice number, one proposal, one unknown.
    by_number, proposal = others[1], others[2]
    day = ctx.today - dt.timedelta(days=2)
    account = proposal.bank_rib or "190780212110001234567891"
    credits = [
        services.Credit(
            "DEMO-VIR-0001",
            day,
            ledger.invoice_balance(by_number),
            f"VIR RECU FACT {by_number.reference} LOYER",
            by_number.client_name,
        ),
        services.Credit(
            "DEMO-VIR-0002",
            day,
            ledger.invoice_balance(proposal),
            f"VIREMENT {proposal.startup.name.upper()} LOYER",
            proposal.client_name,
        ),
        services.Credit(
            "DEMO-VIR-0003", day, Decimal("1234.00"), "VIR RECU STE ATLAS NEGOCE", "ATLAS NEGOCE"
        ),
    ]
    result = services.statement_import(
        account=account,
        fmt="csv",
        credits=credits,
        site=proposal.site,
        filename="releve-demo.csv",
        by=ctx.users.get("site_manager"),
    )
    ctx.log(
        f"card payments {paid.oid} (paid), {failed.oid} (declined); statement: "
        f"{len(result.matched)} recorded, {len(result.proposed)} proposed, "
        f"{len(result.unknown)} waiting"
    )
