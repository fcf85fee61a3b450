"""A client generated from the OpenAPI document (openapi-python-client) works on the demo.

The client is generated into a temporary folder from the document the API serves, then
used as an integrator would: list startups, walk a list page by page with its count, read
an invoice, write (a support request, a payment), and be refused a write its token's
scopes do not allow. Its HTTP calls go to the Django application in-process (httpx's
WSGI transport), with the demo's API tokens (docs/api.md).
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PACKAGE = "technopark_client"


@pytest.fixture
def _keep_db_connection():
    """Like Django's test client: a request's end must not close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def generated(demo_network, tmp_path_factory):
    """The client package generated from /api/v1/openapi.json, importable."""
    folder = tmp_path_factory.mktemp("client")
    schema = folder / "openapi.json"
    schema.write_text(json.dumps(json.loads(Client().get("/api/v1/openapi.json").content)))
    config = folder / "config.yaml"
    config.write_text(f"post_hooks: []\npackage_name_override: {PACKAGE}\n")
    generator = Path(sys.executable).parent / "openapi-python-client"
    done = subprocess.run(
        [str(generator), "generate", "--path", str(schema), "--output-path",
         str(folder / PACKAGE), "--config", str(config), "--meta", "none"],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _client(package, raw: str):
    from django.core.wsgi import get_wsgi_application

    transport = httpx.WSGITransport(app=get_wsgi_application())
    return package.AuthenticatedClient(
        base_url="http://testserver", token=raw, httpx_args={"transport": transport}
    )


def _op(name: str):
    return importlib.import_module(f"{PACKAGE}.api.{name}")


@pytest.fixture
def calls(generated, settings, _keep_db_connection):
    settings.TECHNOPARK_API_RATE_LIMITS = {"user": None, "ip": None}
    return generated


def test_the_founder_lists_pages_reads_an_invoice_and_writes(calls, demo_network):
    client = _client(calls, demo_network.tokens["founder"])
    startups = _op("startups.technopark_startups_api_startups_list")
    first = startups.sync(client=client, limit=5)
    assert first.count >= len(first.items) > 0
    # Walk every page: each startup once, as many as the count says.
    seen, offset = [], 0
    while offset < first.count:
        page = startups.sync(client=client, limit=7, offset=offset)
        seen += [row.id for row in page.items]
        offset += 7
    assert len(seen) == len(set(seen)) == first.count

    invoices = _op("billing.technopark_billing_api_invoices_list")
    listed = invoices.sync(client=client, limit=3)
    assert listed.count > 0, "the demo's founder has invoices"
    one = _op("billing.technopark_billing_api_invoice_get").sync(listed.items[0].id, client=client)
    assert one.reference == listed.items[0].reference
    assert {one.startup} == {demo_network.founder_startup.ref}

    from technopark.support.models import ServiceRequest

    body = calls.models.SupportRequestIn(
        family="market", title="Salon Gitex", text="Un stand au Gitex Africa"
    )
    made = _op("support.technopark_support_api_support_request_create").sync(
        client=client, body=body
    )
    assert made.status == "new"
    assert ServiceRequest.objects.filter(pk=made.id, startup=demo_network.founder_startup).exists()


def test_staff_record_a_payment_and_a_narrow_token_is_refused(calls, demo_network):
    from technopark.accounts.services import token_create

    client = _client(calls, demo_network.tokens["staff"])
    unpaid = _op("billing.technopark_billing_api_invoices_list").sync(
        client=client, unpaid=True, limit=1
    )
    invoice = unpaid.items[0]
    pay = _op("billing.technopark_billing_api_payment_create")
    body = calls.models.PaymentIn(amount_mad="1.00", paid_on=invoice.issued_on)
    payment = pay.sync(invoice.id, client=client, body=body)
    assert (payment.invoice, float(payment.amount_mad)) == (invoice.id, 1.0)

    reader = token_create(
        user=demo_network.ctx.users["network_admin"], name="lecture", scopes=["billing:read"]
    )[1]
    refused = pay.sync_detailed(invoice.id, client=_client(calls, reader), body=body)
    assert refused.status_code == 403
    assert refused.parsed.code == "insufficient_scope"
