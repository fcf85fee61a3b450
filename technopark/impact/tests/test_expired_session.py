"""The bilan's lazy parts when the session has expired (issue 23, item 8)."""

from __future__ import annotations

from django.test import Client


def test_a_lazy_part_from_an_expired_session_sends_the_window_to_the_login_page(db):
    """htmx followed the login redirect and inserted the whole login page into the bilan's
    trends: an htmx request is answered HX-Redirect to the login page, with the page read
    as `next`; a plain request still gets the redirect."""
    htmx = Client().get(
        "/bilan/trends/?as_of=2026-06-30",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/bilan/?as_of=2026-06-30",
    )
    assert htmx.status_code == 204
    assert not htmx.content
    assert htmx["HX-Redirect"] == "/accounts/login/?next=%2Fbilan%2F%3Fas_of%3D2026-06-30"
    plain = Client().get("/bilan/trends/?as_of=2026-06-30")
    assert plain.status_code == 302 and plain["Location"].startswith("/accounts/login/")
    assert "HX-Redirect" not in plain
