"""French first, Arabic right to left, English; Moroccan formats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation


def test_french_is_the_default(client, db, settings):
    settings.LANGUAGE_CODE = "fr"
    html = client.get("/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html


def test_pages_are_translated(client, db):
    # The public directory of startups (`/startups/` sends a visitor there).
    for language, title in [
        ("fr", "Les startups du réseau"),
        ("ar", "الشركات الناشئة في الشبكة"),
        ("en", "Startups of the network"),
    ]:
        response = client.get("/startups/", headers={"Accept-Language": language}, follow=True)
        assert title in response.content.decode()


def test_accept_language_picks_arabic_right_to_left(client, db):
    html = client.get("/", headers={"Accept-Language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html


def test_switcher_remembers_the_choice(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/sites/"})
    assert response.status_code == 302
    html = client.get("/sites/", headers={"Accept-Language": "ar"}).content.decode()
    assert '<html lang="en" dir="ltr">' in html


def test_dates_and_amounts_follow_moroccan_conventions(db):
    template = Template(
        '{% load humanize %}{{ d|date:"SHORT_DATE_FORMAT" }} {{ n|floatformat:"2g" }}'
    )
    for lang in ("fr", "ar", "en"):
        with translation.override(lang):
            out = template.render(
                Context({"d": dt.date(2022, 11, 30), "n": Decimal("1234567.891")})
            )
        assert out.startswith("30/11/2022"), lang
        assert "1\u202f234\u202f567,89" in out, lang


def test_no_asset_comes_from_a_cdn(client, db):
    html = client.get("/").content.decode()
    assert "https://" not in html.split("<body")[0]
