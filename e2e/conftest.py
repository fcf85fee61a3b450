"""End-to-end fixtures: Debian's Chromium driven by Playwright against a live demo server.

`e2e/run.sh` starts the server (seeded with `seed-demo --size small`) and sets
E2E_BASE_URL. Each test gets a fresh browser context (no shared cookies), so journeys
are independent. A failing test leaves a screenshot and the page's HTML in test-results/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

BASE_URL = os.environ.get("E2E_BASE_URL", "http://127.0.0.1:8765").rstrip("/")
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
RESULTS = Path(
    os.environ.get("E2E_RESULTS", Path(__file__).resolve().parent.parent / "test-results")
)
PASSWORD = "technopark-demo"  # noqa: S105 - the published demo password
LOGINS = {
    "director": "direction@demo.technopark.ma",
    "site_manager": "manager.casa@demo.technopark.ma",
    "officer": "officer.casa@demo.technopark.ma",
    "founder": "founder@demo.technopark.ma",
    "agent": "agent.ompic@demo.technopark.ma",
    "expert": "expert@demo.technopark.ma",
    "partner": "partner@demo.technopark.ma",
}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    # axe-core is injected as an inline script, which the site's CSP rightly refuses.
    bypass_csp = request.node.get_closest_marker("inject_axe") is not None
    context = browser.new_context(
        base_url=BASE_URL,
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
        bypass_csp=bypass_csp,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
            (RESULTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
        except Exception as exc:  # noqa: BLE001 - the screenshot must not hide the failure
            print(f"could not save the screenshot of {name}: {exc}")
    context.close()


def pytest_configure(config):
    config.addinivalue_line("markers", "inject_axe: the test injects axe-core into pages")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def login(page, who: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", LOGINS[who])
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{who} could not log in"


@pytest.fixture
def as_user(page):
    def _as(who: str):
        login(page, who)
        return page

    return _as
