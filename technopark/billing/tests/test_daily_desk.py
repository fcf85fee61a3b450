"""What a person meets on billing's pages (issue 23, item 8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from technopark.core.tests.catalogue import translated
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease
from technopark.network.models import Operator

D = dt.date


@pytest.fixture
def invoice(cast):
    Operator.objects.filter(pk=cast.site.operator_id).update(
        ice="001525687000089",
        tax_id="40215378",
        rc="123457",
        rc_court="Casablanca",
        tp="35790123",
        address="Route de Nouaceur, Casablanca",
    )
    lease = Lease.objects.get(space__code="A-101")
    lease.rent_per_m2_mad = Decimal("62.50")
    lease.save()
    return hosting_services.invoice_issue(
        lease=lease, month=D(2026, 10, 1), issued_on=D(2026, 10, 1)
    )


def _header(html: str) -> str:
    return html.split("<thead>", 1)[1].split("</thead>", 1)[0]


@pytest.mark.parametrize("language, number, count", [("fr", "N°", "Nombre"), ("ar", "رقم", "عدد")])
def test_the_invoice_number_column_is_headed_as_a_number_not_a_count(
    cast, invoice, language, number, count
):
    """The column of invoice numbers said "Nombre" / "عدد" (how many): it asks for the
    invoice's own "Number" (context "invoice"), « N° » / « رقم »."""
    with translated(language, {("invoice", "Number"): number}):
        staff = cast.client("site_manager")
        staff.cookies["django_language"] = language
        page = staff.get(
            f"/billing/{cast.site.code}/invoices/?state=unpaid", HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        owner = cast.client("owner")
        owner.cookies["django_language"] = language
        mine = owner.get(
            f"/hosting/startup/{cast.own.ref}/invoices/", HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
    for html in (page, mine):
        assert invoice.reference in html
        head = _header(html)
        assert number in head
        assert count not in head


def _between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_the_credit_note_and_the_notice_wait_behind_a_button_with_a_confirmation(cast, invoice):
    """Every invoice page opened a credit-note form pre-filled with the balance, and the
    founder's invoices opened with a red "give notice" button: both are closed behind a
    button (a details element, no JavaScript needed) and ask for a confirmation."""
    page = cast.client("site_manager").get(f"/billing/invoices/{invoice.pk}/").content.decode()
    form_at = page.index(f'action="/billing/invoices/{invoice.pk}/credit/"')
    details = page.rfind("<details", 0, form_at)
    assert details != -1 and page.rfind("</details>", 0, form_at) < details
    assert "<details open" not in page[details : details + 20]
    credit = _between(page, f'action="/billing/invoices/{invoice.pk}/credit/"', "</form>")
    assert 'name="confirm"' in credit and "required" in _between(credit, 'name="confirm"', ">")

    mine = cast.client("owner").get(f"/hosting/startup/{cast.own.ref}/invoices/").content.decode()
    notice_at = mine.index("/notice/")
    details = mine.rfind("<details", 0, notice_at)
    assert details != -1 and mine.rfind("</details>", 0, notice_at) < details
    assert mine.index("Give notice") > details  # the red button is inside, not on the page
    notice = mine[notice_at : mine.index("</form>", notice_at)]
    assert 'name="confirm"' in notice and "required" in _between(notice, 'name="confirm"', ">")
