"""What a person meets on their own page (issue 23, item 8)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_me_shows_the_token_placeholder_as_text(cast, language):
    """/me/ printed "Bearer ." because "<token>" went out as an HTML tag the browser
    swallowed; it reads "Bearer <token>." in every language."""
    html = cast.client("owner").get("/me/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "Bearer &lt;token&gt;." in html
    assert "Bearer <token>." in visible_text(html)
