"""The public application form, as an attacker uses it: it created accounts and sent e-mails
to any address (15 in 1.2 s), greeted whatever name was typed, and said whether an address
had an account. Now it is rate-limited, e-mails only a neutral link, creates nothing until
the link is followed, and answers the same for a known and an unknown address."""

from __future__ import annotations

import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client

from technopark.accounts.models import User
from technopark.programs.models import Application
from technopark.programs.services.applications import APPLY_CONFIRM_MAX_AGE
from technopark.programs.tests.fixtures import make_call

pytestmark = pytest.mark.django_db

ATTACKER_TEXT = "Cliquez ici http://evil.example pour gagner"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate limit counts in the cache, across tests of one process
    yield
    cache.clear()


def _apply(client: Client, call, email: str, name: str = ATTACKER_TEXT, **extra):
    return client.post(
        f"/programs/calls/{call.pk}/apply/",
        {"full_name": name, "email": email, "language": "en", "project_name": ATTACKER_TEXT},
        **extra,
    )


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _link(message) -> str:
    return (
        "/"
        + re.search(r"https?://\S+/programs/calls/\d+/apply/\S+/", message.body)
        .group(0)
        .split("/", 3)[3]
    )


def test_nothing_is_created_and_the_e_mail_carries_nothing_the_visitor_typed(
    cast, django_capture_on_commit_callbacks
):
    call = make_call(cast)
    users = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(Client(), call, "victim@example.org")
    assert response.status_code == 200
    assert User.objects.count() == users
    assert not Application.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["victim@example.org"]
    for part in [message.subject, message.body, *(a[0] for a in message.alternatives)]:
        assert "evil.example" not in part and "gagner" not in part
    assert call.title in message.subject


def test_a_known_and_an_unknown_address_get_the_same_page_and_the_same_kind_of_e_mail(
    cast, django_capture_on_commit_callbacks
):
    call = make_call(cast)
    with django_capture_on_commit_callbacks(execute=True):
        known = _apply(Client(), call, "owner@example.ma")
        unknown = _apply(Client(), call, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert _main(known).replace("owner@example.ma", "X") == _main(unknown).replace(
        "nobody@example.org", "X"
    )
    to_known, to_unknown = mail.outbox
    assert to_known.subject == to_unknown.subject
    assert "sign in to continue" in to_known.body and "/accounts/login/" in to_known.body
    assert "/apply/" in _link(to_unknown)
    # The known person's account is untouched: no name changed, no application.
    assert User.objects.get(email="owner@example.ma").full_name != ATTACKER_TEXT
    assert not Application.objects.exists()


def test_the_form_is_rate_limited_per_client_and_per_address(
    cast, django_capture_on_commit_callbacks
):
    call = make_call(cast)
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(10):
            assert _apply(attacker, call, f"victim{n}@example.org").status_code == 200
        response = _apply(attacker, call, "victim10@example.org")
    assert response.status_code == 429 and "Retry-After" in response
    assert "Too many requests" in response.content.decode()
    assert len(mail.outbox) == 10  # the eleventh sent nothing
    # Per address: a third request for the same address within the hour, from anywhere.
    for n in range(3):
        assert (
            _apply(Client(REMOTE_ADDR=f"203.0.113.{n}"), call, "one@example.org").status_code == 200
        )
    assert _apply(Client(REMOTE_ADDR="203.0.113.9"), call, "one@example.org").status_code == 429
    # Someone else, elsewhere, is not held back.
    assert _apply(Client(REMOTE_ADDR="192.0.2.1"), call, "me@example.org").status_code == 200


def test_the_link_shows_a_page_and_only_its_button_creates_the_account_and_the_draft(
    cast, django_capture_on_commit_callbacks
):
    call = make_call(cast)
    with django_capture_on_commit_callbacks(execute=True):
        _apply(Client(), call, "salma@startup.ma", name="Salma Kettani")
    link = _link(mail.outbox[-1])
    visitor = Client()
    page = visitor.get(link)  # what a mail scanner does
    assert page.status_code == 200 and "salma@startup.ma" in page.content.decode()
    assert not User.objects.filter(email="salma@startup.ma").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            link, {"full_name": "Salma Kettani", "language": "en", "project_name": "Dattes.ma"}
        )
    application = Application.objects.get(call=call)
    assert response["Location"] == f"/programs/applications/{application.pk}/"
    assert application.applicant.email == "salma@startup.ma"
    assert application.applicant.full_name == "Salma Kettani"
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body
    # Followed again, it creates nothing more: the address has an account now.
    again = Client().post(link, {"full_name": "Other", "language": "en", "project_name": "Other"})
    assert again.status_code == 302 and again["Location"].startswith("/accounts/login/")
    assert User.objects.filter(email="salma@startup.ma").count() == 1
    assert Application.objects.count() == 1


def test_a_forged_an_expired_or_another_calls_link_is_refused(cast, monkeypatch):
    call = make_call(cast)
    other = make_call(cast, title="Autre appel")
    token = signing.dumps([call.pk, "x@example.org", "en"], salt="programs.apply-confirm")
    assert Client().get(f"/programs/calls/{call.pk}/apply/{token}x/").status_code == 400
    assert Client().get(f"/programs/calls/{other.pk}/apply/{token}/").status_code == 400
    forged = signing.dumps([call.pk, "x@example.org", "en"], salt="another-salt")
    assert Client().get(f"/programs/calls/{call.pk}/apply/{forged}/").status_code == 400
    import time

    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() + APPLY_CONFIRM_MAX_AGE + 60)
    response = Client().get(f"/programs/calls/{call.pk}/apply/{token}/")
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert not User.objects.filter(email="x@example.org").exists()
