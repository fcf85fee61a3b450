"""The top bar is drawn once per person, language and place, then reused: what it shows is
what the template draws afresh, with this request's token, address and unread count."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from technopark.accounts.models import User
from technopark.core.templatetags import chrome
from technopark.notifications.models import Notification

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def header(response) -> str:
    body = response.content.decode()
    return body[body.index("<header") : body.index("</header>") + len("</header>")]


def without_tokens(html: str) -> str:
    return TOKEN.sub(r"\1…\2", html)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_kept_bar_is_the_bar_drawn_afresh(cast, language):
    people = ["owner", "site_manager", "officer", "admin", "expert", "anonymous"]
    paths = ["/", "/me/", "/programs/", "/programs/calls/", "/startups/?q=a&b=<c>", "/sites/"]
    for who in people:
        client = cast.client(who)
        client.cookies["technopark_language"] = language
        chrome._DRAWN.clear()
        kept = {}  # each page after the others: the bar comes from what was kept
        for path in paths + paths:
            # `/startups/` sends whoever is not staff to the public showcase.
            response = client.get(path, follow=True)
            if response.status_code != 200:  # the profile, for a visitor
                assert (who, path) == ("anonymous", "/me/")
                continue
            kept[path] = header(response)
            assert chrome.CSRF_MARK not in kept[path] and chrome.NEXT_MARK not in kept[path]
        for path, bar in kept.items():
            chrome._DRAWN.clear()
            drawn = header(client.get(path, follow=True))
            assert without_tokens(bar) == without_tokens(drawn), (who, path)


def test_the_bar_carries_this_request_s_address_and_a_working_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.site_manager)
    client.get("/startups/")  # draws and keeps the bar
    bar = header(client.get("/startups/?q=a&b=<c>"))
    assert 'name="next" value="/startups/?q=a&amp;b=%3Cc%3E"' in bar
    token = TOKEN.search(bar).group(0).split('value="')[1].rstrip('"')
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/startups/"})
    assert response.status_code == 403  # without the token: refused
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/startups/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_the_home_and_the_profile_are_marked_current_only_on_themselves(cast):
    client = cast.client("owner")
    assert 'tp-brand" href="/" aria-current="page"' in header(client.get("/"))
    assert 'aria-current="page"' not in header(client.get("/sites/")).split("tp-groups")[0]
    profile = 'href="/me/" aria-current="page"'
    assert profile in header(client.get("/me/"))
    assert profile not in header(client.get("/sites/"))


def test_the_unread_count_and_a_new_name_show_at_once(cast):
    client = cast.client("owner")
    assert "tp-bell-count" not in header(client.get("/sites/"))
    Notification.objects.create(user=cast.owner, kind="booking.confirmed", title="Salle Atlas")
    bar = header(client.get("/sites/"))
    assert re.search(r'tp-bell-count" aria-hidden="true">1<', bar)
    User.objects.filter(pk=cast.owner.pk).update(full_name="Zineb Alaoui")
    assert "Zineb" in header(client.get("/sites/"))
