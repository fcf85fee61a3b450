"""Screenshots of the main pages for reviewers: `make screenshots` (via e2e/run.sh).

Each role's home and a few working pages, at a phone's, a tablet's and a laptop's width,
in French, and the homes in Arabic; saved as small palette PNGs in docs/screenshots/.

`--help-pages` (also run by `make screenshots`) takes the pictures the staff's help pages
show instead: a park's workbook uploaded on the import page, its proposed mapping and the
grid of its rows in error, in French, Arabic and English, saved in the interchange app's
static files (`technopark/static/interchange/help/`).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from conftest import BASE_URL, CHROMIUM, CHROMIUM_ARGS, login  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
HELP_OUT = ROOT / "technopark" / "static" / "interchange" / "help"
HELP_LANGUAGES = ["fr", "ar", "en"]
WIDTHS = [390, 768, 1280]
HOMES = [
    "anonymous",
    "director",
    "site_manager",
    "officer",
    "founder",
    "expert",
    "agent",
    "partner",
]
PAGES = [
    ("director", "bilan", "/bilan/"),
    ("site_manager", "contracts", "/hosting/CASA/contracts/"),
    ("officer", "support-queue", "/support/queue/"),
    ("founder", "booking", "/booking/CASA/"),
    ("anonymous", "site", "/sites/CASA/"),
    ("anonymous", "regions", "/federation/regions/"),
    ("anonymous", "open-data-reuse", "/open/reuse/"),
    ("anonymous", "showcase", "/open/startups/"),
]
ARABIC = ["anonymous", "director", "founder"]


def save(page, name: str) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot(full_page=False)))
    image.convert("RGB").quantize(colors=128).save(OUT / f"{name}.png", optimize=True)
    print(f"docs/screenshots/{name}.png")


def shoot(browser, who: str, lang: str, width: int, shots: list[tuple[str, str]]) -> None:
    context = browser.new_context(base_url=BASE_URL, viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "technopark_language", "value": lang, "url": BASE_URL}])
    page = context.new_page()
    if who != "anonymous":
        login(page, who)
    for name, path in shots:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        save(page, f"{name}-{lang}-{width}")
    context.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # Only this script's own pictures (pages at a width) are replaced; the billing
    # documents' renders beside them (invoice.png, contract-fr.png...) are kept.
    ours = {f"home-{who}" for who in HOMES} | {name for _who, name, _path in PAGES}
    for old in OUT.glob("*-*-*.png"):
        if old.stem.rsplit("-", 2)[0] in ours:
            old.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            for who in HOMES:
                shots = [(f"home-{who}", "/")]
                shots += [(name, path) for w, name, path in PAGES if w == who]
                shoot(browser, who, "fr", width, shots)
                if who in ARABIC and width != 768:
                    shoot(browser, who, "ar", width, [(f"home-{who}", "/")])
        browser.close()


def park_workbook(path: Path) -> Path:
    """A park's startups as it keeps them: a title above a French header, region names, dates
    as typed, a column the platform does not know, and two rows to correct."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Startups 2019"
    rows = [
        ["Portefeuille — Technopark Casablanca"],
        [],
        ["Référence", "Nom de la startup", "Date de création", "Secteur", "Région",
         "Forme juridique", "Observations"],
        ["HIST-001", "Atlas Logistique", "15/03/2019", "Logistique", "Casablanca-Settat",
         "SARL AU", "Prometteuse"],
        ["HIST-002", "Argan Vision", "1/9/2018", "Agritech", "الدار البيضاء سطات", "SARL",
         None],
        ["HIST-003", "Oasis Data", "31/02/2019", "Data", "Souss-Massa", "SA", None],
        ["HIST-004", "Nador Solar", "12/11/2017", "Énergie", "Narnia", "SARL", None],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def save_element(locator, path: Path) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(locator.screenshot()))
    image.convert("RGB").quantize(colors=64).save(path, optimize=True)
    print(f"{path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


def help_pages(browser) -> None:
    """The mapping and the grid of a park's workbook, as the help page shows them."""
    import tempfile

    HELP_OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        book = park_workbook(Path(folder) / "portefeuille-2019.xlsx")
        for lang in HELP_LANGUAGES:
            context = browser.new_context(
                base_url=BASE_URL, viewport={"width": 1100, "height": 900}
            )
            context.add_cookies([{"name": "technopark_language", "value": lang, "url": BASE_URL}])
            page = context.new_page()
            login(page, "director")  # the network's administrators import
            page.goto("/interchange/")
            page.set_input_files("input[name=files]", str(book))
            page.locator("form.tp-upload button[type=submit]").click()
            page.wait_for_load_state("networkidle")
            mapping = page.locator("section[aria-labelledby=mapping-title]")
            grid = page.locator("section[aria-labelledby=grid-title]")
            save_element(mapping, HELP_OUT / f"mapping-{lang}.png")
            save_element(grid, HELP_OUT / f"grid-{lang}.png")
            context.close()


def main_help() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        help_pages(browser)
        browser.close()


if __name__ == "__main__":
    os.environ.setdefault("E2E_BASE_URL", BASE_URL)
    if "--help-pages" in sys.argv:
        main_help()
    else:
        main()
        main_help()
