"""Hosting pages: the site's staff read, its managers act, a startup sees only its own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from technopark.core.matrix import Case, with_roles
from technopark.hosting.models import Lease, WaitingEntry
from technopark.house.testing import LeaseFactory, SpaceFactory


def _draft(c) -> None:
    LeaseFactory(
        startup=c.own,
        space=SpaceFactory(site=c.site, code="A-201"),
        starts_on=dt.date(2026, 12, 1),
        status=Lease.Status.DRAFT,
        monthly_rent_mad=Decimal("3000"),
    )


def _draft_id(c) -> int:
    return Lease.objects.get(space__code="A-201").pk


def _offered(c) -> None:
    WaitingEntry.objects.create(
        site=c.site,
        startup=c.own,
        area_needed_m2=Decimal("30"),
        kind="office",
        requested_on=dt.date(2026, 1, 5),
        status=WaitingEntry.Status.OFFERED,
        offered_space=SpaceFactory(site=c.site, code="A-301"),
        offered_on=dt.date(2026, 11, 1),
    )


def _lease_id(c) -> int:
    return Lease.objects.get(startup=c.own, space__code="A-101").pk


# The site's staff read the hosting screens; everyone else gets 404, visitors the login.
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
        "hosting:index",
        lambda c: "/hosting/",
        {
            "site_manager": 302,
            "officer": 302,
            "other_site_staff": 302,
            "admin": 200,
            "anonymous": 302,
        },
        default=404,
    ),
    Case("hosting:site_spaces", lambda c: f"/hosting/{c.site.code}/", STAFF_READ, default=404),
    Case(
        "hosting:site_spaces",
        lambda c: f"/hosting/{c.site.code}/?date=2021-06-01",
        STAFF_READ,
        default=404,
        id="site_spaces at a date",
    ),
    Case(
        "hosting:contract_list",
        lambda c: f"/hosting/{c.site.code}/contracts/",
        STAFF_READ,
        default=404,
    ),
    Case(
        "hosting:contract_new",
        lambda c: f"/hosting/{c.site.code}/contracts/new/",
        {"site_manager": 200, "admin": 200, "officer": 403, "anonymous": 302},
        default=404,
    ),
    Case(
        "hosting:startup_lookup",
        lambda c: f"/hosting/{c.site.code}/contracts/startups/?q=Own",
        {"site_manager": 200, "admin": 200, "officer": 403, "anonymous": 302},
        default=404,
    ),
    Case(
        "hosting:contract_detail",
        lambda c: f"/hosting/{c.site.code}/contracts/{_lease_id(c)}/",
        STAFF_READ,
        default=404,
    ),
    Case(
        "hosting:contract_detail",
        lambda c: f"/hosting/{c.other_site.code}/contracts/{_lease_id(c)}/",
        {"admin": 404, "other_site_staff": 404, "anonymous": 302},
        default=404,
        id="contract_detail under another site",
    ),
    Case(
        "hosting:contract_action",
        lambda c: f"/hosting/{c.site.code}/contracts/{_draft_id(c)}/sign/",
        MANAGER_ACT,
        default=404,
        method="post",
        data=lambda c: {"sign-day": "2026-11-20"},
        setup=_draft,
    ),
    Case(
        "hosting:waiting_list",
        lambda c: f"/hosting/{c.site.code}/waiting/",
        STAFF_READ,
        default=404,
    ),
    Case(
        "hosting:waiting_list",
        lambda c: f"/hosting/{c.site.code}/waiting/",
        MANAGER_ACT,
        default=404,
        method="post",
        data=lambda c: {
            "startup": c.own.pk,
            "area_needed_m2": "40",
            "kind": "office",
            "requested_on": "2026-11-02",
        },
        id="waiting_list add",
    ),
    Case(
        "hosting:waiting_action",
        lambda c: f"/hosting/{c.site.code}/waiting/{WaitingEntry.objects.get().pk}/decline/",
        MANAGER_ACT,
        default=404,
        method="post",
        setup=_offered,
    ),
    Case(
        "hosting:invoices_issue",
        lambda c: f"/hosting/{c.site.code}/invoices/issue/",
        MANAGER_ACT,
        default=404,
        method="post",
        data=lambda c: {"month": "2026-10"},
    ),
    Case(
        "hosting:startup_invoices",
        lambda c: f"/hosting/startup/{c.own.ref}/invoices/",
        SEES_INVOICE,
        default=404,
    ),
    Case(
        "hosting:contract_pdf",
        lambda c: f"/hosting/{c.site.code}/contracts/{_lease_id(c)}/pdf/?lang=ar",
        SEES_INVOICE,
        default=404,
    ),
    Case(
        "hosting:contract_scan",
        lambda c: f"/hosting/{c.site.code}/contracts/{_lease_id(c)}/scan/",
        # no scan filed yet: 404 for everyone who may read the contract
        {"anonymous": 302},
        default=404,
    ),
    Case(
        "hosting:contract_scan",
        lambda c: f"/hosting/{c.site.code}/contracts/{_lease_id(c)}/scan/",
        {
            "site_manager": 302,
            "admin": 302,
            "officer": 403,
            "owner": 403,
            "colleague": 403,
            "anonymous": 302,
        },
        default=404,
        method="post",
        id="upload",
    ),
    Case(
        "hosting:startup_give_notice",
        lambda c: f"/hosting/startup/{c.own.ref}/contracts/{_lease_id(c)}/notice/",
        # founders give notice (a teammate sees the contract only); site managers record
        # it on the contract page instead
        {
            "owner": 302,
            "colleague": 403,
            "site_manager": 302,
            "admin": 302,
            "officer": 403,
            "anonymous": 302,
        },
        default=404,
        method="post",
        data=lambda c: {"notice-notice_on": "2026-10-01", "notice-leaving_on": "2027-01-31"},
    ),
    Case(
        "hosting:startup_answer_offer",
        lambda c: (
            f"/hosting/startup/{c.own.ref}/offers/"
            f"{WaitingEntry.objects.get(startup=c.own).pk}/decline/"
        ),
        {
            "owner": 302,
            "colleague": 403,  # a founder answers for the startup
            "site_manager": 403,
            "officer": 403,
            "admin": 403,
            "anonymous": 302,
        },
        default=404,
        method="post",
        setup=_offered,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET hosting:index": (404, 404, 404),
    "GET hosting:site_spaces": (404, 404, 404),
    "GET hosting:site_spaces [site_spaces at a date]": (404, 404, 404),
    "GET hosting:contract_list": (404, 404, 404),
    "GET hosting:contract_new": (404, 404, 404),
    "GET hosting:startup_lookup": (404, 404, 404),
    "GET hosting:contract_detail": (404, 404, 404),
    "GET hosting:contract_detail [contract_detail under another site]": (404, 404, 404),
    "POST hosting:contract_action": (404, 404, 404),
    "GET hosting:waiting_list": (404, 404, 404),
    "POST hosting:waiting_list [waiting_list add]": (404, 404, 404),
    "POST hosting:waiting_action": (404, 404, 404),
    "POST hosting:invoices_issue": (404, 404, 404),
    "GET hosting:startup_invoices": (404, 404, 404),
    "GET hosting:contract_pdf": (404, 404, 404),
    "GET hosting:contract_scan": (404, 404, 404),
    "POST hosting:contract_scan [upload]": (404, 404, 404),
    "POST hosting:startup_give_notice": (404, 404, 404),
    "POST hosting:startup_answer_offer": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)

# The API: lists answer 200 to everyone (what the caller may see, maybe nothing); one
# record is a 404 to whoever may not see it, another startup's founder included.
SEES_CONTRACT_API = {
    **SEES_INVOICE,
    "anonymous": 404,
    "desk_agent": 404,
    "partner_admin": 404,
    "partner_officer": 404,
}
NO_ONE_ELSE = {"desk_agent": 200, "partner_admin": 200, "partner_officer": 200}
CASES += [
    Case("api:GET /api/v1/contracts", lambda c: "/api/v1/contracts", NO_ONE_ELSE, default=200),
    Case(
        "api:GET /api/v1/contracts/{contract_id}",
        lambda c: f"/api/v1/contracts/{_lease_id(c)}",
        SEES_CONTRACT_API,
        default=404,
    ),
]
