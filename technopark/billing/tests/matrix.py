"""Billing pages: the site's staff read, its managers act, a startup sees only its own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from technopark.billing.models import CreditNote, Invoice
from technopark.core.matrix import Case, with_roles
from technopark.hosting.models import Lease


def _invoice(c) -> Invoice:
    from technopark.hosting.services import invoice_issue

    lease = Lease.objects.get(startup=c.own, site=c.site)
    lease.monthly_rent_mad = Decimal("4000")
    lease.save()
    return invoice_issue(lease=lease, month=dt.date(2026, 10, 1), issued_on=dt.date(2026, 10, 1))


def _invoice_id(c) -> int:
    return Invoice.objects.get(startup=c.own).pk


def _paid(c) -> None:
    from technopark.billing.services import payment_record

    invoice = _invoice(c)
    payment_record(
        invoice=invoice, amount_mad=invoice.total_mad, paid_on=dt.date(2026, 10, 9), by=None
    )


def _credit_note(c) -> None:
    from technopark.billing.services import credit_note_issue

    invoice = _invoice(c)
    credit_note_issue(
        invoice=invoice, issued_on=dt.date(2026, 10, 5), reason="Erreur de surface", by=None
    )


def _credit_note_id(c) -> int:
    return CreditNote.objects.get(invoice__startup=c.own).pk


# The site's staff read the billing screens; everyone else gets 404, visitors the login.
STAFF_READ = {"site_manager": 200, "officer": 200, "admin": 200, "anonymous": 302}
# Only its managers (and network administrators) act; program officers may not.
MANAGER_ACT = {"site_manager": 302, "admin": 302, "officer": 403, "anonymous": 302}
# The startup's invoices: its members and the staff of its site.
SEES_INVOICE = {
    "owner": 200,
    "colleague": 200,
    "site_manager": 200,
    "officer": 200,
    "admin": 200,
    "anonymous": 302,
}

CASES = [
    Case(
        "billing:invoice_list",
        lambda c: f"/billing/{c.site.code}/invoices/",
        STAFF_READ,
        default=404,
    ),
    Case(
        "billing:invoice_detail",
        lambda c: f"/billing/invoices/{_invoice_id(c)}/",
        SEES_INVOICE,
        default=404,
        setup=_invoice,
    ),
    Case(
        "billing:invoice_pdf",
        lambda c: f"/billing/invoices/{_invoice_id(c)}/pdf/",
        SEES_INVOICE,
        default=404,
        setup=_invoice,
    ),
    Case(
        "billing:payment_add",
        lambda c: f"/billing/invoices/{_invoice_id(c)}/pay/",
        {**MANAGER_ACT, "owner": 403, "colleague": 403},
        default=404,
        method="post",
        data=lambda c: {"amount_mad": "100", "paid_on": "2026-10-15", "method": "transfer"},
        setup=_invoice,
    ),
    Case(
        "billing:credit_note_add",
        lambda c: f"/billing/invoices/{_invoice_id(c)}/credit/",
        {**MANAGER_ACT, "owner": 403, "colleague": 403},
        default=404,
        method="post",
        data=lambda c: {"amount_mad": "100", "reason": "Geste commercial"},
        setup=_invoice,
    ),
    Case(
        "billing:credit_note_detail",
        lambda c: f"/billing/credit-notes/{_credit_note_id(c)}/",
        SEES_INVOICE,
        default=404,
        setup=_credit_note,
    ),
    Case(
        "billing:credit_note_pdf",
        lambda c: f"/billing/credit-notes/{_credit_note_id(c)}/pdf/",
        SEES_INVOICE,
        default=404,
        setup=_credit_note,
    ),
    Case(
        "billing:site_arrears",
        lambda c: f"/billing/{c.site.code}/arrears/",
        STAFF_READ,
        default=404,
    ),
    Case(
        "billing:site_arrears",
        lambda c: f"/billing/{c.site.code}/arrears/?format=xlsx",
        STAFF_READ,
        default=404,
        id="xlsx",
    ),
    Case(
        "billing:network_arrears",
        lambda c: "/billing/arrears/",
        {
            "site_manager": 200,
            "officer": 200,
            "other_site_staff": 200,
            "admin": 200,
            "anonymous": 302,
        },
        default=404,
    ),
    Case(
        "billing:journal_export",
        lambda c: f"/billing/{c.site.code}/journal/",
        {"site_manager": 200, "admin": 200, "officer": 403, "anonymous": 302},
        default=404,
    ),
    Case(
        "billing:journal_export",
        lambda c: f"/billing/{c.site.code}/journal/?start=2026-10-01&end=2026-10-31&format=csv",
        {"site_manager": 200, "admin": 200, "officer": 403, "anonymous": 302},
        default=404,
        id="csv",
        setup=_credit_note,
    ),
    Case(
        "billing:charge_list",
        lambda c: f"/billing/{c.site.code}/charges/",
        STAFF_READ,
        default=404,
    ),
    Case(
        "billing:charge_list",
        lambda c: f"/billing/{c.site.code}/charges/",
        MANAGER_ACT,
        default=404,
        method="post",
        data=lambda c: {
            "action": "add",
            "startup": c.own.pk,
            "kind": "service",
            "label": "Impression",
            "quantity": "1",
            "unit_price_mad": "20",
            "incurred_on": "2026-10-10",
        },
        id="add",
    ),
    Case(
        "billing:receipt_pdf",
        lambda c: f"/billing/invoices/{_invoice_id(c)}/receipt/?lang=ar",
        SEES_INVOICE,
        default=404,
        setup=_paid,
    ),
    Case(
        "billing:period_close",
        lambda c: f"/billing/{c.site.code}/journal/close/",
        MANAGER_ACT,
        default=404,
        method="post",
        data=lambda c: {"closed_until": "2026-09-30"},
    ),
    Case(
        "billing:site_settings",
        lambda c: f"/billing/{c.site.code}/settings/",
        {"site_manager": 200, "admin": 200, "officer": 403, "anonymous": 302},
        default=404,
    ),
    Case(
        "billing:site_settings",
        lambda c: f"/billing/{c.site.code}/settings/",
        MANAGER_ACT,
        default=404,
        method="post",
        data=lambda c: {
            "bank_name": "Banque Populaire",
            "rib": "190780212110001234567828",
            "payment_term_days": "30",
        },
        id="save",
    ),
    Case(
        "booking:room_hire",
        lambda c: f"/booking/{c.site.code}/room-hire/",
        MANAGER_ACT,
        default=404,
        method="post",
        data=lambda c: {"month": "2026-10"},
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer).
OTHER_ROLES = {
    "GET billing:invoice_list": (404, 404, 404),
    "GET billing:invoice_detail": (404, 404, 404),
    "GET billing:invoice_pdf": (404, 404, 404),
    "POST billing:payment_add": (404, 404, 404),
    "POST billing:credit_note_add": (404, 404, 404),
    "GET billing:credit_note_detail": (404, 404, 404),
    "GET billing:credit_note_pdf": (404, 404, 404),
    "GET billing:site_arrears": (404, 404, 404),
    "GET billing:site_arrears [xlsx]": (404, 404, 404),
    "GET billing:network_arrears": (404, 404, 404),
    "GET billing:journal_export": (404, 404, 404),
    "GET billing:journal_export [csv]": (404, 404, 404),
    "GET billing:charge_list": (404, 404, 404),
    "POST billing:charge_list [add]": (404, 404, 404),
    "POST booking:room_hire": (404, 404, 404),
    "GET billing:receipt_pdf": (404, 404, 404),
    "POST billing:period_close": (404, 404, 404),
    "GET billing:site_settings": (404, 404, 404),
    "POST billing:site_settings [save]": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)

# The API: lists answer 200 to everyone (what the caller may see, maybe nothing); one
# record is a 404 to whoever may not see it, another startup's founder included.
SEES_INVOICE_API = {
    **SEES_INVOICE,
    "anonymous": 404,
    "desk_agent": 404,
    "partner_admin": 404,
    "partner_officer": 404,
}
NO_ONE_ELSE = {"desk_agent": 200, "partner_admin": 200, "partner_officer": 200}
CASES += [
    Case(
        "api:GET /api/v1/invoices",
        lambda c: "/api/v1/invoices",
        NO_ONE_ELSE,
        default=200,
        setup=_invoice,
    ),
    Case(
        "api:GET /api/v1/invoices/{invoice_id}",
        lambda c: f"/api/v1/invoices/{_invoice_id(c)}",
        SEES_INVOICE_API,
        default=404,
        setup=_invoice,
    ),
    Case(
        "api:GET /api/v1/credit-notes",
        lambda c: "/api/v1/credit-notes",
        NO_ONE_ELSE,
        default=200,
        setup=_credit_note,
    ),
    Case(
        "api:GET /api/v1/payments",
        lambda c: "/api/v1/payments",
        NO_ONE_ELSE,
        default=200,
        setup=_invoice,
    ),
    Case(
        "api:POST /api/v1/invoices/{invoice_id}/payments",
        lambda c: f"/api/v1/invoices/{_invoice_id(c)}/payments",
        {
            "site_manager": 201,
            "admin": 201,
            "officer": 403,
            "owner": 403,
            "colleague": 403,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {"amount_mad": "100", "paid_on": "2026-10-15", "method": "transfer"},
        setup=_invoice,
    ),
    Case(
        "billing:invoice_remind",
        lambda c: f"/billing/invoices/{_invoice_id(c)}/remind/",
        {
            **MANAGER_ACT,
            "owner": 403,
            "colleague": 403,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        setup=_invoice,
    ),
]
