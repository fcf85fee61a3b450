"""Every page each role's navigation reaches, at a phone's and a laptop's width, in French
and Arabic: it answers 200, is no wider than the window, and axe-core finds no serious or
critical violation. The same page load is also measured at the neighbouring widths (360 px
on the phone; 768, 1200, 1400 and 1920 px on the laptop: 1200 is where the top bar first
shows its groups in a row, 1400 where it adds the search box), by resizing the window. In
English, every page is measured at all seven widths (without axe: the markup is the
French one).

One browser context per role × language × width: it logs in once, reads the menu's links
(the groups' dropdowns, the account menu, the home's task list) and opens each.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import BASE_URL, LOGINS, login

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
ROLES = ["anonymous", *LOGINS]
LANGUAGES = ["fr", "ar"]
WIDTHS = [390, 1280]
# Also measured on the same page load, by resizing the window.
ALSO = {390: [360], 1280: [768, 1200, 1400, 1920]}
# Files, not pages: exports and feeds are tested where they are made.
NOT_PAGES = (".ics", ".csv", ".json", ".xlsx", ".pdf", ".zip")

LINKS_JS = """() => [...document.querySelectorAll(
    '#tp-nav a[href], header a.navbar-brand, main .tp-task-list a[href]')]
  .map(a => a.getAttribute('href'))"""
FITS_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"
AXE_JS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}, ${v.nodes.length}×: ${v.nodes[0].target})`);
}"""


def nav_links(page) -> list[str]:
    found = []
    for href in page.evaluate(LINKS_JS):
        parts = urlsplit(href)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != BASE_URL:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and not parts.path.endswith(NOT_PAGES) and path not in found:
            found.append(path)
    return found


def fits(page, path: str, widths) -> list[str]:
    problems = []
    for width in widths:
        if width != page.viewport_size["width"]:
            page.set_viewport_size({"width": width, "height": 900})
        scrolled, window = page.evaluate(FITS_JS)
        if scrolled > window:
            problems.append(f"{path}: {scrolled} px wide in a {window} px window")
    return problems


def check_page(page, path: str, width: int, also=(), axe: bool = True) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(path, wait_until="domcontentloaded")
    status = response.status if response else None
    if status != 200:
        return [f"{path}: status {status}"]
    problems = fits(page, path, [width])
    if axe:
        page.add_script_tag(content=AXE)
        problems += [f"{path}: {v}" for v in page.evaluate(AXE_JS)]
    return problems + fits(page, path, also)


def crawl(browser, who: str, lang: str, width: int, also=(), axe: bool = True) -> None:
    context = browser.new_context(
        base_url=BASE_URL, viewport={"width": width, "height": 900}, bypass_csp=True
    )
    context.add_cookies([{"name": "technopark_language", "value": lang, "url": BASE_URL}])
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        if who != "anonymous":
            login(page, who)
        page.goto("/")
        links = nav_links(page)
        assert len(links) >= 5, f"{who}: the menu offers only {links}"
        problems = check_page(page, "/", width, also, axe)
        for path in links:
            if path != "/":
                problems += check_page(page, path, width, also, axe)
        print(f"{who} {lang} {width}px (and {also}): {len(links)} pages")
        print("\n".join(problems))
        assert not problems, f"{who} {lang} {width}px:\n" + "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("who", ROLES)
def test_every_page_the_menu_reaches(browser, who, lang, width):
    crawl(browser, who, lang, width, ALSO[width])


@pytest.mark.parametrize("who", ROLES)
def test_every_page_fits_from_360_to_1920_px_in_english(browser, who):
    crawl(browser, who, "en", 1280, [360, 390, 768, 1200, 1400, 1920], axe=False)
