"""Search engines and link previews: /sitemap.xml with each page in fr, ar and en, and the
pages' descriptions, Open Graph previews and hreflang links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from django.test import Client

from technopark.publishing.models import ShowcaseProfile

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_the_sitemap_lists_public_pages_in_three_languages(cast):
    cast.other.public, cast.own.public = True, False
    cast.other.save()
    cast.own.save()
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    urls = {u.find("s:loc", NS).text: u for u in root.findall("s:url", NS)}
    for lang in ("fr", "ar", "en"):
        assert f"http://testserver/?lang={lang}" in urls
        assert f"http://testserver/sites/SA/?lang={lang}" in urls
        assert f"http://testserver/open/startups/{cast.other.ref}/?lang={lang}" in urls
    assert not any(cast.own.ref in loc for loc in urls)  # not listed, not in the sitemap
    links = urls["http://testserver/sites/SA/?lang=ar"].findall("x:link", NS)
    assert {(link.get("hreflang"), link.get("href")) for link in links} >= {
        ("fr", "http://testserver/sites/SA/?lang=fr"),
        ("ar", "http://testserver/sites/SA/?lang=ar"),
        ("en", "http://testserver/sites/SA/?lang=en"),
    }
    assert any(link.get("hreflang") == "x-default" for link in links)


def test_the_lang_parameter_shows_the_page_in_that_language(cast):
    response = Client(headers={"accept-language": "fr"}).get("/sites/SA/?lang=ar")
    assert response["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def _meta(body: str, prop: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{prop}" content="([^"]*)"', body)
    assert found, prop
    return found.group(1)


def test_a_startup_page_has_its_own_preview(cast):
    cast.other.public = True
    cast.other.save()
    ShowcaseProfile.objects.create(
        startup=cast.other, tagline="Le paiement mobile sûr", show_tagline=True
    )
    body = Client().get(f"/open/startups/{cast.other.ref}/").content.decode()
    assert _meta(body, "og:title") == cast.other.name
    assert _meta(body, "og:description") == _meta(body, "description") == "Le paiement mobile sûr"
    assert _meta(body, "og:image").startswith("http://testserver/static/")
    assert f'hreflang="ar" href="http://testserver/open/startups/{cast.other.ref}/?lang=ar"' in body


def test_every_public_page_has_a_title_description_and_preview(cast):
    for path in ("/", "/sites/SA/", "/open/", "/open/reuse/", "/open/startups/"):
        body = Client(headers={"accept-language": "fr"}).get(path).content.decode()
        assert re.search(r"<title>[^<]{3,}</title>", body), path
        assert len(_meta(body, "description")) > 20, path
        assert _meta(body, "og:title") and _meta(body, "og:image"), path
    # A signed-in page gets a preview but no language alternates (it is not public).
    body = cast.client("site_manager").get("/open/reports/").content.decode()
    assert "hreflang" not in body
