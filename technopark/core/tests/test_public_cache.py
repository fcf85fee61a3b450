"""Public pages served from the cache to anonymous visitors, fresh after a change."""

import pytest
from django.core.cache import cache
from django.test import Client

from technopark.core.public_cache import CSRF_HEADER, CSRF_INPUT, bump

pytestmark = pytest.mark.django_db(transaction=True)  # invalidation runs on commit


def _without_tokens(content: bytes) -> bytes:
    return CSRF_HEADER.sub(b"", CSRF_INPUT.sub(b"", content))


@pytest.fixture
def cached(settings):
    settings.TECHNOPARK_PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_anonymous_visitors_get_the_cached_page_per_language(cached, cast):
    client = Client()
    first = client.get("/open/")
    assert first["X-Public-Cache"] == "miss"
    again = client.get("/open/")
    assert again["X-Public-Cache"] == "hit"
    assert _without_tokens(again.content) == _without_tokens(first.content)
    arabic = Client().get("/open/", HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic["X-Public-Cache"] == "miss"
    assert arabic["Content-Language"] == "ar"


def test_a_signed_in_person_never_gets_a_cached_page(cached, cast):
    Client().get("/sites/")
    response = cast.client("site_manager").get("/sites/")
    assert "X-Public-Cache" not in response


def test_a_change_to_the_records_shown_refreshes_the_page(cached, cast):
    client = Client()
    client.get("/sites/")
    assert client.get("/sites/")["X-Public-Cache"] == "hit"
    site = cast.site
    site.name = "Technopark Renommé"
    site.save()
    fresh = client.get("/sites/")
    assert fresh["X-Public-Cache"] == "miss"
    assert "Technopark Renommé" in fresh.content.decode()


def test_a_write_in_an_unrelated_app_keeps_the_page(cached, cast):
    client = Client()
    client.get("/community/events/")
    bump("support")
    assert client.get("/community/events/")["X-Public-Cache"] == "hit"
    bump("community")
    assert client.get("/community/events/")["X-Public-Cache"] == "miss"


def test_each_visitor_gets_a_working_csrf_token(cached, cast):
    first = Client(enforce_csrf_checks=True)
    first.get("/")
    second = Client(enforce_csrf_checks=True)
    page = second.get("/")
    assert page["X-Public-Cache"] == "hit"
    assert "csrftoken" in page.cookies  # the visitor's own token, not the first one's
    import re

    token = re.search(r'"X-CSRFToken": "([^"]+)"', page.content.decode()).group(1)
    response = second.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def _page_entries() -> int:
    return sum(":public:page:" in key for key in cache._cache)  # the test cache is locmem


def test_random_parameters_share_one_entry_and_are_not_echoed(cached, cast):
    client = Client()
    assert client.get("/community/events/")["X-Public-Cache"] == "miss"
    entries = _page_entries()
    for n in range(100):
        response = client.get(f"/community/events/?x{n}=nonce{n}&utm_source=spam{n}")
        assert response["X-Public-Cache"] == "hit"
    assert _page_entries() == entries
    fresh = Client().get("/community/events/?tracking=visitor-one")
    assert "visitor-one" not in fresh.content.decode()  # not echoed to the next visitor


def test_a_parameter_the_page_reads_gets_its_own_entry(cached, cast):
    client = Client()
    client.get("/community/events/")
    entries = _page_entries()
    month = client.get("/community/events/?view=month&junk=1")
    assert month["X-Public-Cache"] == "miss"
    assert "tp-cal" in month.content.decode()  # the month's grid, not the list
    assert _page_entries() == entries + 1
    # The same parameters in another order, with blanks and noise: the same entry.
    again = client.get("/community/events/?other=2&kind=&view=month")
    assert again["X-Public-Cache"] == "hit"
    assert _page_entries() == entries + 1
