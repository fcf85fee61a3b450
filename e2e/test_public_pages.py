"""The public face of the network (issue 29), as a visitor sees it: the home with its map,
a site's page, the regions, the showcase, the reuse page. Each in French, Arabic and
English, from 360 to 1920 px: status 200, nothing wider than the window, and (in French
and Arabic) no serious or critical axe-core violation."""

from __future__ import annotations

import pytest
from conftest import BASE_URL
from test_every_page import check_page

PAGES = [
    "/",
    "/sites/CASA/",
    "/sites/",
    "/federation/regions/",
    "/open/",
    "/open/reuse/",
    "/open/startups/",
]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_public_pages_in_every_language_and_width(browser, lang, width):
    context = browser.new_context(
        base_url=BASE_URL, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    context.add_cookies([{"name": "technopark_language", "value": lang, "url": BASE_URL}])
    page = context.new_page()
    try:
        page.goto("/open/startups/")
        first = page.locator("main a[href^='/open/startups/'][href$='/']").first
        startup = first.get_attribute("href") if first.count() else None
        also = [390] if width == 360 else [768, 1920]
        problems = []
        for path in [*PAGES, *([startup] if startup else [])]:
            problems += check_page(page, path, width, also, axe=lang != "en")
        # The home's map is drawn: the 12 regions and a dot per site.
        page.goto("/")
        assert page.locator(".tp-map-regions path").count() == 12
        assert page.locator("circle.tp-map-site").count() >= 3
        assert not problems, f"{lang} {width}px:\n" + "\n".join(problems)
    finally:
        context.close()
