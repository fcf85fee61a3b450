"""An invoice is found by its number (the site's list and the API), and a site without bank
details to print issues no invoice: the refusal names the site and spends no number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from technopark.billing.models import Invoice, InvoiceCounter, SiteBilling
from technopark.billing.selectors import invoice_number_q
from technopark.core.errors import DomainError
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease

D = dt.date


@pytest.fixture
def lease(cast):
    lease = Lease.objects.get(space__code="A-101")
    lease.monthly_rent_mad = Decimal("4000")
    lease.save()
    return lease


def _issue(lease, month):
    return hosting_services.invoice_issue(lease=lease, month=month, issued_on=month, send=False)


@pytest.mark.parametrize(
    "typed",
    ["SA-2026-00002", "sa-2026-00002", "2026-00002", "2026-2", "00002", " SA-2026-00002 "],
)
def test_the_sites_list_finds_an_invoice_by_its_number_whatever_its_month(cast, lease, typed):
    october = _issue(lease, D(2026, 10, 1))
    november = _issue(lease, D(2026, 11, 1))
    assert (october.number, november.number) == (1, 2)
    manager = cast.client("site_manager")
    # the list shows October; the number typed finds November's invoice all the same
    page = manager.get(f"/billing/SA/invoices/?month=2026-10&q={typed}").content.decode()
    assert f"/billing/invoices/{november.pk}/" in page
    assert f"/billing/invoices/{october.pk}/" not in page


def test_a_number_of_another_site_or_year_finds_nothing(cast, lease):
    invoice = _issue(lease, D(2026, 10, 1))
    found = Invoice.objects.filter(invoice_number_q("SB-2026-00001"))
    assert not found.exists()
    assert not Invoice.objects.filter(invoice_number_q("SA-2025-00001")).exists()
    assert list(Invoice.objects.filter(invoice_number_q("SA-2026-00001"))) == [invoice]
    assert invoice_number_q("Atlas") is None  # a name is searched as a name


def test_the_api_finds_an_invoice_by_its_number_among_those_the_caller_may_see(cast, lease):
    invoice = _issue(lease, D(2026, 10, 1))
    _issue(lease, D(2026, 11, 1))
    answer = cast.client("owner").get("/api/v1/invoices", {"q": invoice.reference}).json()
    assert [i["reference"] for i in answer["items"]] == ["SA-2026-00001"]
    assert answer["items"][0]["balance_mad"] == "4800.00"
    # another startup's member does not see it, even by its exact number
    other = cast.client("other_member").get("/api/v1/invoices", {"q": invoice.reference}).json()
    assert other["items"] == []


def test_a_site_without_bank_details_issues_no_invoice_and_spends_no_number(cast, lease):
    SiteBilling.objects.filter(site=cast.site).update(rib="")
    with pytest.raises(DomainError) as refused:
        _issue(lease, D(2026, 10, 1))
    assert refused.value.code == "no_rib"
    assert "Site A" in refused.value.message  # it names the site
    assert not Invoice.objects.exists()
    assert not InvoiceCounter.objects.filter(site=cast.site, last_number__gt=0).exists()
    # the month's run tells which contracts it could not invoice, and why
    result = hosting_services.invoices_issue_month(month=D(2026, 10, 1), issued_on=D(2026, 10, 1))
    assert result.created == []
    assert all("Site A" in reason for _lease, reason in result.refused)
    # once the manager enters the RIB, the first invoice takes number 1: no gap
    SiteBilling.objects.filter(site=cast.site).update(rib="190780212110001234567891")
    assert _issue(lease, D(2026, 10, 1)).number == 1


def test_the_issue_button_shows_the_refusal_naming_the_site(cast, lease):
    SiteBilling.objects.filter(site=cast.site).update(rib="")
    manager = cast.client("site_manager")
    with translation.override("fr"):
        response = manager.post(
            "/hosting/SA/invoices/issue/", {"month": "2026-10"}, HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert response.status_code == 302
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Site A" in m and "RIB" in m for m in shown)
    assert not Invoice.objects.exists()
