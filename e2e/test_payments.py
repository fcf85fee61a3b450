"""Payments in a browser: the founder pays an invoice by card through the gateway simulator
(its own process, on the port the demo server expects), and a site manager confirms the
demo statement's proposal with one click."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
SIMULATOR_PORT = 8025  # the demo server's default PAYMENTS_GATEWAY_URL


@pytest.fixture
def simulator():
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", SIMULATOR_PORT)) == 0:
            pytest.fail("port 8025 is taken: the gateway simulator cannot start")
    proc = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "technopark", "payment-gateway-simulator", "--port", "8025"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", SIMULATOR_PORT)) == 0:
                break
        time.sleep(0.2)
    yield
    proc.terminate()
    proc.wait(timeout=10)


def test_founder_pays_an_invoice_by_card(as_user, simulator):
    page = as_user("founder")
    page.goto("/startups/mine/")
    page.locator("main a[href^='/payments/startup/']").first.click()
    page.wait_for_load_state()
    expect(page.locator("[data-testid=pay-by-card]")).to_be_visible()
    page.locator("[data-testid=pay-by-card]").click()
    page.locator("[data-testid=to-gateway]").click()  # to the gateway's card page
    page.fill("input[name=pan]", "4111 1111 1111 1111")
    page.locator("button[type=submit]").click()
    # The gateway sends the browser back (an auto-submitted form) once it has called back.
    expect(page.locator("[data-state=paid]")).to_be_visible()
    page.locator("main a[href^='/payments/startup/']").click()
    expect(page.locator("[data-testid=nothing-due]")).to_be_visible()


def test_site_manager_confirms_a_proposed_transfer(as_user):
    page = as_user("site_manager")
    page.goto("/payments/CASA/statements/")
    row = page.locator("tr[data-state=proposed]").first
    ref = row.get_attribute("data-ref")
    row.locator("[data-testid=confirm]").click()
    page.wait_for_load_state()
    expect(page.locator(f"tr[data-ref='{ref}']")).to_have_count(0)
    expect(page.locator("tr[data-state=matched]").first).to_be_visible()
