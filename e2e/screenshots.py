"""Screenshots of the main pages for reviewers: `make screenshots` (via e2e/run.sh).

Each role's home and a few working pages, at a phone's, a tablet's and a laptop's width,
in French, and the homes in Arabic; saved as small palette PNGs in docs/screenshots/.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from conftest import BASE_URL, CHROMIUM, CHROMIUM_ARGS, login  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
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


if __name__ == "__main__":
    os.environ.setdefault("E2E_BASE_URL", BASE_URL)
    main()
