"""Payments' pages: a founder pays its own startup's invoices; a site's managers read its
bank statements and decide on its transfers; the gateway's endpoints are public and
verified by their hash (a request without a valid one is a 400 for anyone)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.billing.models import Invoice
from technopark.core.matrix import Case
from technopark.hosting.models import Lease

NOBODY_ELSE = {"desk_agent": 404, "partner_admin": 404, "partner_officer": 404}


def _invoice(c) -> None:
    from technopark.hosting.services import invoice_issue

    lease = Lease.objects.get(startup=c.own, site=c.site)
    lease.monthly_rent_mad = Decimal("4000")
    lease.save()
    invoice_issue(lease=lease, month=dt.date(2026, 10, 1), issued_on=dt.date(2026, 10, 1))


def _transaction(c) -> None:
    from technopark.payments.services import Credit, statement_import

    statement_import(
        account="190780212110001234567891",
        fmt="csv",
        credits=[Credit("M1", dt.date(2026, 11, 2), Decimal("15"), "INTERETS", "BANQUE")],
        site=c.site,
        by=None,
    )


def _transaction_id(c) -> int:
    from technopark.payments.models import BankTransaction

    return BankTransaction.objects.get(bank_reference="M1").pk


def _csv(c) -> dict:
    return {
        "file": SimpleUploadedFile("r.csv", b"date;amount;reference;label;payer\n"),
        "format": "csv",
        "account": "190780212110001234567891",
    }


def _credit(c) -> None:
    from technopark.payments.models import ClientCredit

    _invoice(c)
    invoice = Invoice.objects.get(startup=c.own)
    ClientCredit.objects.create(startup=c.own, amount_mad=Decimal("10"), invoice=invoice)


def _credit_url(c) -> str:
    from technopark.payments.models import ClientCredit

    credit = ClientCredit.objects.get(startup=c.own)
    return f"/payments/credits/{credit.pk}/apply/{credit.invoice_id}/"


def _paid_order(c) -> None:
    from django.conf import settings

    from technopark.payments.providers import cmi_hash, provider
    from technopark.payments.services import online_payment_callback, online_payment_start

    _invoice(c)
    order = online_payment_start(
        startup=c.own, invoices=[Invoice.objects.get(startup=c.own)], by=c.owner
    )
    _url, fields = provider().checkout(
        oid=order.oid,
        amount=order.amount_mad,
        ok_url="http://merchant/ok",
        fail_url="http://merchant/fail",
        callback_url="http://merchant/cb",
        language="fr",
    )
    fields.pop("HASH")
    fields.update({"ProcReturnCode": "00", "Response": "Approved", "TransId": "T1"})
    fields["HASH"] = cmi_hash(fields, settings.PAYMENTS_CMI_STORE_KEY)
    online_payment_callback(params=fields, provider=provider())


def _refund_url(c) -> str:
    from technopark.payments.models import OnlinePayment

    return f"/payments/online/{OnlinePayment.objects.get(startup=c.own).pk}/refund/"


GATEWAY_JUNK = {"oid": "nope", "HASH": "forged"}
MANAGERS = {
    "site_manager": 200,
    "admin": 200,
    "officer": 403,
    "anonymous": 302,
    **NOBODY_ELSE,
}

CASES = [
    Case(
        "payments:online_payment_refund",
        _refund_url,
        {
            "owner": 403,
            "colleague": 403,
            "site_manager": 302,
            "admin": 302,
            "anonymous": 302,
            **NOBODY_ELSE,
        },
        default=404,
        method="post",
        data=lambda c: {"reason": "Double paiement"},
        setup=_paid_order,
        notes="the site's managers mark a card payment refunded; its members see it, no more",
    ),
    Case(
        "payments:credit_apply",
        _credit_url,
        {
            "owner": 403,
            "colleague": 403,
            "site_manager": 302,
            "officer": 403,
            "admin": 302,
            "anonymous": 302,
            **NOBODY_ELSE,
        },
        default=404,
        method="post",
        setup=_credit,
        notes="the site's managers apply a client's credit; its members see it, no more",
    ),
    Case(
        "payments:gateway_callback",
        lambda c: "/payments/gateway/callback/",
        {"anonymous": 400, **{k: 400 for k in NOBODY_ELSE}},
        default=400,
        method="post",
        data=lambda c: GATEWAY_JUNK,
        notes="public, outside CSRF, trusted only through the gateway's hash",
    ),
    Case(
        "payments:gateway_return",
        lambda c: "/payments/gateway/return/",
        {"anonymous": 400, **{k: 400 for k in NOBODY_ELSE}},
        default=400,
        method="post",
        data=lambda c: GATEWAY_JUNK,
    ),
    Case(
        "payments:startup_pay",
        lambda c: f"/payments/startup/{c.own.ref}/",
        {
            "owner": 200,
            "colleague": 403,
            "site_manager": 403,
            "officer": 403,
            "admin": 403,
            "anonymous": 302,
            **NOBODY_ELSE,
        },
        default=404,
    ),
    Case(
        "payments:startup_pay",
        lambda c: f"/payments/startup/{c.own.ref}/",
        {
            "owner": 200,
            "colleague": 403,
            "site_manager": 403,
            "officer": 403,
            "admin": 403,
            "anonymous": 302,
            **NOBODY_ELSE,
        },
        default=404,
        method="post",
        data=lambda c: {"invoice": [Invoice.objects.get(startup=c.own).pk]},
        setup=_invoice,
        id="start a card payment",
    ),
    Case(
        "payments:statements_index",
        lambda c: "/payments/statements/",
        {
            "site_manager": 200,
            "other_site_staff": 200,
            "admin": 200,
            "anonymous": 302,
            **NOBODY_ELSE,
        },
        default=404,
    ),
    Case(
        "payments:site_statements",
        lambda c: f"/payments/{c.site.code}/statements/",
        MANAGERS,
        default=404,
        setup=_transaction,
    ),
    Case(
        "payments:site_statements",
        lambda c: f"/payments/{c.site.code}/statements/",
        {**MANAGERS, "site_manager": 302, "admin": 302},
        default=404,
        method="post",
        data=_csv,
        id="upload a statement",
    ),
    Case(
        "payments:transaction_action",
        lambda c: f"/payments/transactions/{_transaction_id(c)}/dismiss/",
        {"site_manager": 302, "admin": 302, "anonymous": 302, **NOBODY_ELSE},
        default=404,
        method="post",
        data=lambda c: {"reason": "Intérêts"},
        setup=_transaction,
    ),
]
