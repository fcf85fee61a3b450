"""The card gateway simulator as its own process, for the tests that pay through it."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import requests

import technopark

ROOT = Path(technopark.__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def simulator_url():
    """`technopark payment-gateway-simulator` in a subprocess; its base URL."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "technopark", "payment-gateway-simulator", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if requests.get(base + "/", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise RuntimeError(proc.stdout.read().decode() if proc.poll() is not None else "")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def gateway(settings, simulator_url):
    settings.PAYMENTS_GATEWAY_URL = simulator_url + "/fim/est3Dgate"
    return simulator_url


def issue(lease, month: dt.date, rent: str = "1000"):
    """An invoice of `rent` MAD excl. VAT (1 200,00 incl. VAT for 1 000)."""
    from technopark.hosting.services import invoice_issue

    lease.monthly_rent_mad = Decimal(rent)
    lease.save()
    return invoice_issue(lease=lease, month=month, issued_on=month)


def hidden_fields(html: str, form_id: str | None = None) -> dict[str, str]:
    """The hidden fields of the page's form `form_id` (else of the whole page)."""
    import html as h

    if form_id:
        html = html[html.index(f'id="{form_id}"') :]
        html = html[: html.index("</form>")]

    return {
        h.unescape(name): h.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', html)
    }


def form_action(html: str, form_id: str | None = None) -> str:
    import html as h

    pattern = r'<form method="post" action="([^"]*)"' + (f' id="{form_id}"' if form_id else "")
    return h.unescape(re.search(pattern, html)[1])
