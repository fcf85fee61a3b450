"""Accessibility of the main pages with axe-core (vendored): no critical violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import login

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PAGES = [
    (None, "/"),
    (None, "/accounts/login/"),
    (None, "/startups/"),
    (None, "/sites/"),
    (None, "/sites/CASA/"),
    (None, "/federation/regions/"),
    (None, "/open/reuse/"),
    (None, "/open/startups/"),
    (None, "/open/startups/?sector=Fintech&region=MA-06"),
    (None, "/open/startups/TP-00001/"),
    (None, "/privacy/me/notice/"),
    ("founder", "/me/"),
    ("founder", "/open/startups/TP-00231/profile/"),
    ("founder", "/open/startups/TP-00231/preview/"),
    ("founder", "/privacy/me/"),
    ("founder", "/programs/calls/"),
    ("founder", "/booking/"),
    ("founder", "/community/events/"),
    ("agent", "/desk/mine/"),
    ("site_manager", "/hosting/CASA/contracts/"),
    ("director", "/bilan/"),
]


@pytest.mark.inject_axe
@pytest.mark.parametrize(("who", "path"), PAGES, ids=[f"{w or 'anonymous'} {p}" for w, p in PAGES])
def test_no_critical_accessibility_violation(page, who, path):
    if who:
        login(page, who)
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    page.add_script_tag(content=AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    critical = [v for v in result["violations"] if v["impact"] == "critical"]
    details = "; ".join(
        f"{v['id']} ({len(v['nodes'])}×: {v['nodes'][0]['target']})" for v in critical
    )
    assert not critical, f"{path} as {who or 'anonymous'}: {details}"
