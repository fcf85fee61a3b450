"""Invoices issued before the platform on the pages: the startup's billing page and the
arrears, "before the platform", to whoever sees the site's invoices or is a member."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from technopark.billing.models import HistoricalInvoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_invoice(cast):
    return HistoricalInvoice.objects.create(
        site=cast.site,
        startup=cast.own,
        number="F-2019/042",
        issued_on=dt.date(2019, 3, 1),
        due_on=dt.date(2019, 3, 31),
        total_mad=Decimal("8400"),
        paid_mad=Decimal("1400"),
        status="partly_paid",
    )


LEFT = re.compile(r"7\D?000\D00")  # 7 000,00 left to pay, whatever the grouping


@pytest.mark.parametrize("role", ["owner", "site_manager"])
def test_the_startup_page_lists_its_invoices_before_the_platform(cast, old_invoice, role):
    response = cast.client(role).get(reverse("hosting:startup_invoices", args=["OWN-1"]))
    assert response.status_code == 200
    page = response.content.decode()
    table = page.split('id="before-platform"', 1)[1].split("</table>", 1)[0]
    assert "F-2019/042" in table and LEFT.search(table)


def test_another_startup_never_sees_them(cast, old_invoice):
    response = cast.client("other_member").get(reverse("hosting:startup_invoices", args=["OWN-1"]))
    assert response.status_code == 404


def test_the_arrears_count_what_is_left_unpaid_before_the_platform(cast, old_invoice):
    page = cast.client("site_manager").get("/billing/SA/arrears/").content.decode()
    cell = page.split("data-before-platform>", 1)[1].split("<", 1)[0]
    assert LEFT.fullmatch(cell)
    sheet = cast.client("site_manager").get("/billing/SA/arrears/?format=csv").content.decode()
    last = sheet.strip().splitlines()[-1].split(";")
    assert LEFT.fullmatch(last[-1]) and LEFT.fullmatch(last[-2])  # total, before the platform


def test_the_arrears_of_another_site_leave_them_out(cast, old_invoice):
    page = cast.client("other_site_staff").get("/billing/arrears/").content.decode()
    assert "data-before-platform>" not in page
