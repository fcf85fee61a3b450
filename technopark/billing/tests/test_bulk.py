"""Acting on many invoices at once (core/selection.py, billing/bulk.py), and the reminders
sent by hand (billing.services.invoice_remind): each invoice goes through the service on
its own, a refusal undoes nothing else, and forged ids never reach another site."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from technopark.billing import services
from technopark.billing.models import Invoice, InvoiceReminder, Payment
from technopark.core import clock
from technopark.core.models import Action, BulkRun
from technopark.hosting import services as hosting_services
from technopark.hosting.models import Lease
from technopark.house.testing import SpaceFactory

URL = "/bulk/billing.invoices/{}/"


def _months_before(today: dt.date, n: int) -> dt.date:
    month = today.replace(day=1)
    for _ in range(n):
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return month


@pytest.fixture
def late(cast):
    """Three invoices of site A past their due date, the oldest one paid."""
    lease = Lease.objects.get(space__code="A-101")
    lease.monthly_rent_mad = Decimal("1500")
    lease.save()
    today = clock.today()
    invoices = [
        hosting_services.invoice_issue(lease=lease, month=m, issued_on=m, send=False)
        for m in (_months_before(today, n) for n in (4, 3, 2))
    ]
    paid = invoices[0]
    services.payment_record(
        invoice=paid, amount_mad=paid.total_mad, paid_on=paid.issued_on, by=cast.site_manager
    )
    return invoices


@pytest.fixture
def elsewhere(cast):
    lease = Lease.objects.create(
        site=cast.other_site,
        space=SpaceFactory(site=cast.other_site, code="B-1"),
        startup=cast.other,
        starts_on=dt.date(2025, 1, 1),
        monthly_rent_mad=Decimal("900"),
    )
    month = _months_before(clock.today(), 2)
    return hosting_services.invoice_issue(lease=lease, month=month, issued_on=month, send=False)


def _run(client, site, ids, action="remind", **extra):
    data = {"action": action, "ids": [str(pk) for pk in ids], "confirm": "1", "key": "k1"}
    data.update(extra)
    response = client.post(URL.format(site), data)
    assert response.status_code == 302, response.content[:500]
    return BulkRun.objects.get(key=data["key"]), client.get(response["Location"])


def test_three_selected_one_refused_two_done_nothing_undone(cast, late):
    client = cast.client("site_manager")
    # The confirmation page says what will happen to how many.
    page = client.post(URL.format("SA"), {"action": "remind", "ids": [i.pk for i in late]})
    assert page.status_code == 200
    assert "3 invoices" in page.content.decode()

    run, outcome = _run(client, "SA", [i.pk for i in late])
    assert len(run.done) == 2 and len(run.refused) == 1
    assert run.refused[0]["id"] == late[0].pk
    assert "nothing to remind" in run.refused[0]["reason"]
    text = outcome.content.decode()
    assert "2 done, 1 refused, of 3." in text and "nothing to remind" in text
    reminded = set(InvoiceReminder.objects.filter(manual=True).values_list("invoice_id", flat=True))
    assert reminded == {late[1].pk, late[2].pk}
    actions = Action.objects.filter(name="invoice.reminded")
    assert actions.count() == 2 and {a.actor_id for a in actions} == {cast.site_manager.pk}


def test_a_double_click_runs_once(cast, late):
    client = cast.client("site_manager")
    _run(client, "SA", [late[1].pk])
    _run(client, "SA", [late[1].pk])  # the same confirmation key
    assert BulkRun.objects.count() == 1
    assert InvoiceReminder.objects.filter(invoice=late[1], manual=True).count() == 1


def test_forged_ids_of_another_site_are_left_out(cast, late, elsewhere):
    client = cast.client("site_manager")
    page = client.post(URL.format("SA"), {"action": "remind", "ids": [late[1].pk, elsewhere.pk]})
    assert "1 selected row is not yours" in page.content.decode()
    run, _ = _run(client, "SA", [late[1].pk, elsewhere.pk])
    assert run.ids == [late[1].pk]
    assert not InvoiceReminder.objects.filter(invoice=elsewhere).exists()
    # Another site's list: no action offered there at all.
    assert client.post(URL.format("SB"), {"action": "remind", "ids": [elsewhere.pk]}).status_code == 403  # fmt: skip
    # Staff who only read the site (a program officer) are offered no action that writes.
    officer = cast.client("officer")
    assert officer.post(URL.format("SA"), {"action": "remind", "ids": [late[1].pk]}).status_code == 403  # fmt: skip


def test_select_all_matching_across_pages(cast, late):
    client = cast.client("site_manager")
    # "Unpaid, every month", with one invoice a page: all matching is every page.
    data = {"action": "remind", "all": "1", "query": "state=unpaid&page=1", "confirm": "1", "key": "all"}  # fmt: skip
    response = client.post(URL.format("SA"), data)
    run = BulkRun.objects.get(key="all")
    assert response.status_code == 302
    assert sorted(run.ids) == sorted([late[1].pk, late[2].pk])  # the paid one is not matching
    assert len(run.done) == 2


def test_pay_in_full_with_a_date_and_a_refusal(cast, late):
    client = cast.client("site_manager")
    day = clock.today()
    run, _ = _run(
        client, "SA", [i.pk for i in late], action="pay_in_full",
        paid_on=day.isoformat(), method="transfer",
    )  # fmt: skip
    assert len(run.done) == 2 and len(run.refused) == 1
    for invoice in late[1:]:
        payment = Payment.objects.get(invoice=invoice)
        assert payment.paid_on == day and payment.amount_mad == invoice.total_mad


def test_export_of_the_selection(cast, late):
    client = cast.client("officer")
    response = client.post(URL.format("SA"), {"action": "export_csv", "ids": [late[1].pk]})
    body = b"".join(response.streaming_content).decode()
    assert late[1].reference in body and late[2].reference not in body


def test_reminder_by_hand_and_its_history(cast, late):
    client = cast.client("site_manager")
    invoice = late[2]
    response = client.post(f"/billing/invoices/{invoice.pk}/remind/")
    assert response.status_code == 302
    again = client.post(f"/billing/invoices/{invoice.pk}/remind/", follow=True)
    assert "already sent by hand today" in again.content.decode()
    assert InvoiceReminder.objects.filter(invoice=invoice).count() == 1
    # An automatic one too: both are listed, with how and by whom.
    services.invoice_reminders_send(today=invoice.due_on + dt.timedelta(days=30))
    page = client.get(f"/billing/invoices/{invoice.pk}/").content.decode()
    assert "by hand, by" in page and "automatic" in page
    # The founder sees the history; may not send one.
    assert cast.client("owner").post(f"/billing/invoices/{invoice.pk}/remind/").status_code == 403


def test_the_overdue_list_leads_with_send_reminders(cast, late):
    client = cast.client("site_manager")
    page = client.get("/billing/SA/invoices/?state=overdue").content.decode()
    assert "data-send-reminders" in page and "Issue the month" not in page
    arrears = client.get("/billing/SA/arrears/").content.decode()
    assert 'value="remind"' in arrears
    assert Invoice.objects.count() == 3
