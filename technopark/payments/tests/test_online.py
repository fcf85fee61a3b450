"""A founder pays invoices by card through the gateway simulator, a separate process reached
over HTTP: the signed form, the card page, the server callback, the browser's return."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from decimal import Decimal

import pytest
import requests
from django.core import mail

from technopark.billing.models import Invoice, Payment
from technopark.hosting.models import Lease
from technopark.notifications.models import EmailLog
from technopark.payments.models import OnlinePayment
from technopark.payments.providers import CmiProvider, cmi_hash
from technopark.payments.simulator import APPROVED_CARD, DECLINED_CARD
from technopark.payments.tests.conftest import form_action, hidden_fields, issue

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_hash_follows_cmi_ver3():
    """Values sorted by parameter name whatever its case, `\\` and `|` escaped, the store key
    last, SHA-512, base64; HASH and encoding are left out."""
    params = {"oid": "A|1", "Amount": "10.00", "clientid": "600", "HASH": "x", "encoding": "UTF-8"}
    plain = "10.00|600|A\\|1|key\\\\1"
    expected = base64.b64encode(hashlib.sha512(plain.encode()).digest()).decode()
    assert cmi_hash(params, "key\\1") == expected


def _pay(client, live_server, gateway, invoices, card: str) -> tuple[requests.Response, dict]:
    """Tick the invoices on the founder's page, go to the gateway, type the card; the
    browser's return to the merchant (the gateway's auto-submitted form) and what the
    simulator's callback got back."""
    host, port = live_server.url.removeprefix("http://").split(":")
    page = client.post(
        "/payments/startup/OWN-1/",
        {"invoice": [i.pk for i in invoices]},
        SERVER_NAME=host,
        SERVER_PORT=port,
    )
    assert page.status_code == 200
    html = page.content.decode()
    url = form_action(html, "gateway-form")
    assert url == gateway + "/fim/est3Dgate"
    assert gateway in page["Content-Security-Policy"]  # the browser may post the form there
    fields = hidden_fields(html, "gateway-form")
    assert fields["storetype"] == "3D_PAY_HOSTING" and fields["currency"] == "504"
    card_page = requests.post(url, data=fields, timeout=30)
    assert card_page.status_code == 200
    token = hidden_fields(card_page.text)["token"]
    back = requests.post(gateway + "/pay", data={"token": token, "pan": card}, timeout=60)
    result = hidden_fields(back.text)
    returned = requests.post(form_action(back.text), data=result, timeout=30)
    calls = requests.get(gateway + "/calls", timeout=10).json()
    return returned, calls[-1]


@pytest.fixture
def two_invoices(cast):
    lease = Lease.objects.get(space__code="A-101")
    return [issue(lease, dt.date(2026, 10, 1)), issue(lease, dt.date(2026, 11, 1))]


def test_a_founder_pays_two_invoices_by_card_and_gets_a_receipt(
    cast, two_invoices, gateway, live_server, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    cast.owner.language = "fr"
    cast.owner.save()
    mail.outbox.clear()
    returned, call = _pay(cast.client("owner"), live_server, gateway, two_invoices, APPROVED_CARD)

    assert call["status"] == 200 and call["answer"] == "ACTION=POSTAUTH"
    assert returned.status_code == 200 and 'data-state="paid"' in returned.text
    order = OnlinePayment.objects.get()
    assert order.state == "paid" and order.amount_mad == Decimal("2400.00")
    payments = Payment.objects.filter(invoice__in=two_invoices)
    assert sorted(p.amount_mad for p in payments) == [Decimal("1200.00")] * 2
    assert {p.method for p in payments} == {"card"}
    for invoice in Invoice.objects.filter(pk__in=[i.pk for i in two_invoices]):
        assert invoice.balance_due == 0
    receipt = EmailLog.objects.get(kind="payments.receipt")
    assert receipt.to_address == "owner@example.ma" and receipt.language == "fr"
    sent = [m for m in mail.outbox if m.to == ["owner@example.ma"]]
    assert len(sent) == 1  # the founder only: its teammate does not pay
    assert re.search(r"2[\s\u202f\xa0]400,00", sent[0].body)  # French grouping, in French


def test_a_declined_card_records_nothing(cast, two_invoices, gateway, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    returned, call = _pay(
        cast.client("owner"), live_server, gateway, two_invoices[:1], DECLINED_CARD
    )
    assert call["status"] == 200
    assert 'data-state="failed"' in returned.text
    assert OnlinePayment.objects.get().state == "failed"
    assert not Payment.objects.exists()
    assert not EmailLog.objects.filter(kind="payments.receipt").exists()


def test_a_forged_callback_is_refused_and_changes_nothing(
    cast, two_invoices, gateway, live_server, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    _returned, call = _pay(
        cast.client("owner"), live_server, gateway, two_invoices[:1], DECLINED_CARD
    )
    fields = dict(call["fields"])
    # Turn the refusal into an approval, keeping the gateway's hash: refused.
    forged = {**fields, "ProcReturnCode": "00", "Response": "Approved"}
    answer = requests.post(live_server.url + "/payments/gateway/callback/", data=forged, timeout=30)
    assert answer.status_code == 400
    # Signed with another key: refused too.
    wrong = {k: v for k, v in forged.items() if k != "HASH"}
    wrong["HASH"] = cmi_hash(wrong, "NOT-THE-KEY")
    answer = requests.post(live_server.url + "/payments/gateway/callback/", data=wrong, timeout=30)
    assert answer.status_code == 400
    assert OnlinePayment.objects.get().state == "failed"
    assert not Payment.objects.exists()
    # The genuine one, again: accepted, still failed, nothing recorded.
    again = requests.post(live_server.url + "/payments/gateway/callback/", data=fields, timeout=30)
    assert again.status_code == 200
    assert not Payment.objects.exists()


def test_the_same_callback_twice_records_one_payment(
    cast, two_invoices, gateway, live_server, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    _returned, call = _pay(cast.client("owner"), live_server, gateway, two_invoices, APPROVED_CARD)
    again = requests.post(
        live_server.url + "/payments/gateway/callback/", data=call["fields"], timeout=30
    )
    assert again.status_code == 200 and again.text == "ACTION=POSTAUTH"
    assert Payment.objects.count() == 2
    assert EmailLog.objects.filter(kind="payments.receipt").count() == 1


def test_only_a_founder_pays_and_only_its_own_invoices(cast, two_invoices, settings):
    other_lease_invoice = two_invoices[0]
    # A teammate sees the invoices but does not commit the startup's card.
    assert cast.client("colleague").get("/payments/startup/OWN-1/").status_code == 403
    # Another startup's founder does not see this startup at all.
    assert cast.client("other_member").get("/payments/startup/OWN-1/").status_code == 404
    # An invoice id of someone else slipped into the form: nothing starts.
    response = cast.client("other_member").post(
        "/payments/startup/OTHER-1/", {"invoice": [other_lease_invoice.pk]}
    )
    assert response.status_code == 302
    assert not OnlinePayment.objects.exists()


def test_the_gateway_refuses_a_form_signed_with_another_key(cast, two_invoices, gateway):
    provider = CmiProvider(gateway_url=gateway, client_id="600000001", store_key="WRONG")
    _url, fields = provider.checkout(
        oid="X1",
        amount=Decimal("10"),
        ok_url="http://x/",
        fail_url="http://x/",
        callback_url="http://x/",
        language="fr",
    )
    assert requests.post(gateway + "/fim/est3Dgate", data=fields, timeout=10).status_code == 400
