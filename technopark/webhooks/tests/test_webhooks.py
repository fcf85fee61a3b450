"""Webhooks: subscribing through the API, deliveries signed as Standard Webhooks defines and
checked by a real local receiver, retries and the pause, the owner's page, the scope of
what a receiver gets, and the addresses refused (SSRF)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from technopark.notifications.models import Notification
from technopark.startups.models import Startup
from technopark.support.services import request_create
from technopark.webhooks.models import Attempt, Delivery, Subscription
from technopark.webhooks.services import deliveries_retry_due, subscription_create
from technopark.webhooks.tasks import MAX_FAILURES, backoff
from technopark.webhooks.tests.conftest import message_types

pytestmark = pytest.mark.django_db


def api(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post_json(client: Client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def subscribe(user, receiver, actions=("support_request.created",)) -> Subscription:
    subscription = subscription_create(url=receiver.url, actions=list(actions), by=user)
    receiver.secret = subscription.secret
    return subscription


def ask(startup, user, title="Mise en relation"):
    return request_create(
        startup=startup, family="network", title=title, text="Un distributeur.", by=user
    )


# --- The API -------------------------------------------------------------------------------


def test_an_administrator_subscribes_lists_and_removes_through_the_api(cast, receiver):
    client = api(cast.admin)
    response = post_json(
        client, "/api/v1/webhooks", {"url": receiver.url, "actions": ["invoice.issued"]}
    )
    assert response.status_code == 201
    created = response.json()
    assert created["secret"].startswith("whsec_")
    assert created["actions"] == ["invoice.issued"] and created["paused"] is False

    listed = client.get("/api/v1/webhooks").json()["items"]
    assert [s["id"] for s in listed] == [created["id"]]
    assert "secret" not in listed[0]  # shown once, in the answer to POST

    assert client.delete(f"/api/v1/webhooks/{created['id']}").status_code == 204
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"url": "ftp://example.org/x", "actions": ["invoice.issued"]}, "bad_url"),
        ({"url": "https://user:pw@example.org/x", "actions": ["invoice.issued"]}, "bad_url"),
        ({"url": "https://example.org/x", "actions": []}, "actions_required"),
        ({"url": "https://example.org/x", "actions": ["invoice.burnt"]}, "unknown_action"),
    ],
)
def test_bad_input_is_a_clear_error_and_creates_nothing(cast, body, code):
    response = post_json(api(cast.admin), "/api/v1/webhooks", body)
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["message"]
    assert not Subscription.objects.exists()


def test_only_network_and_partner_administrators_subscribe(cast):
    body = {"url": "https://example.org/x", "actions": ["invoice.issued"]}
    assert post_json(api(cast.owner), "/api/v1/webhooks", body).status_code == 403
    assert post_json(api(cast.site_manager), "/api/v1/webhooks", body).status_code == 403
    assert post_json(api(), "/api/v1/webhooks", body).status_code == 401
    assert post_json(api(cast.partner_admin), "/api/v1/webhooks", body).status_code == 201
    assert Subscription.objects.get().owner == cast.partner_admin


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/hook",
        "http://[::1]/hook",
        "http://[::ffff:192.168.1.1]/hook",
    ],
)
def test_private_addresses_are_refused_outside_debug(cast, settings, url):
    settings.TECHNOPARK_WEBHOOKS_ALLOW_PRIVATE = False
    body = {"url": url, "actions": ["invoice.issued"]}
    response = post_json(api(cast.admin), "/api/v1/webhooks", body)
    assert response.status_code == 400
    assert response.json()["code"] == "url_not_allowed"
    assert not Subscription.objects.exists()


def test_a_name_resolving_to_a_private_address_is_not_called(
    cast, receiver, settings, django_capture_on_commit_callbacks
):
    subscription = subscribe(cast.admin, receiver)
    settings.TECHNOPARK_WEBHOOKS_ALLOW_PRIVATE = False
    Subscription.objects.filter(pk=subscription.pk).update(
        url=receiver.url.replace("127.0.0.1", "localhost.")  # resolves to the loopback
    )
    with django_capture_on_commit_callbacks(execute=True):
        ask(cast.own, cast.owner)
    assert receiver.messages == []
    attempt = Attempt.objects.get()
    assert attempt.status_code is None and attempt.error


# --- Deliveries ----------------------------------------------------------------------------


def test_an_action_reaches_the_receiver_signed(cast, receiver, django_capture_on_commit_callbacks):
    subscribe(cast.admin, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(cast.own, cast.owner)
    (message,) = receiver.messages
    assert message.verified
    for header in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        assert message.headers.get(header)
    assert message.headers["webhook-signature"].startswith("v1,")
    assert set(message.data) == {"type", "timestamp", "data"}
    assert message.data["type"] == "support_request.created"
    data = message.data["data"]
    assert data["startup"] == "OWN-1" and data["site"] == "SA"
    assert data["object"] == {
        "type": "support.servicerequest",
        "id": str(request.pk),
        "label": request.title,
    }
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.msg_id == message.headers["webhook-id"]
    assert list(delivery.tries.values_list("status_code", flat=True)) == [200]


def test_a_message_with_another_secret_does_not_verify(
    cast, receiver, django_capture_on_commit_callbacks
):
    subscribe(cast.admin, receiver)
    receiver.secret = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk="
    with django_capture_on_commit_callbacks(execute=True):
        ask(cast.own, cast.owner)
    (message,) = receiver.messages
    assert not message.verified


def test_a_subscription_hears_only_the_names_it_wants(
    cast, receiver, django_capture_on_commit_callbacks
):
    subscribe(cast.admin, receiver, actions=["invoice.issued"])
    with django_capture_on_commit_callbacks(execute=True):
        ask(cast.own, cast.owner)
    assert receiver.messages == [] and not Delivery.objects.exists()


def test_a_partner_receiver_never_gets_another_startups_data(
    cast, receiver, django_capture_on_commit_callbacks
):
    subscribe(cast.partner_admin, receiver)
    alpha, beta = Startup.objects.get(ref="ALPHA-1"), Startup.objects.get(ref="BETA-1")
    with django_capture_on_commit_callbacks(execute=True):
        ask(alpha, cast.admin, title="Pour Alpha")
        ask(beta, cast.admin, title="Pour Beta")
        ask(cast.own, cast.owner, title="Pour Own")
    assert [m.data["data"]["startup"] for m in receiver.messages] == ["ALPHA-1"]
    assert all(m.verified for m in receiver.messages)


def test_failures_are_retried_logged_then_pause_and_tell_the_owner(
    cast, receiver, django_capture_on_commit_callbacks
):
    receiver.status, receiver.answer = 503, b"x" * 2000
    subscription = subscribe(cast.admin, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        ask(cast.own, cast.owner)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    first = delivery.tries.get()
    assert first.status_code == 503 and 500 <= len(first.answer) <= 501  # truncated
    waited = delivery.next_attempt_at - first.at
    assert dt.timedelta(seconds=59) <= waited <= dt.timedelta(seconds=61)

    waits = [delivery.next_attempt_at - first.at]
    later = timezone.now()
    for _round in range(MAX_FAILURES + 2):
        later += dt.timedelta(hours=7)
        with django_capture_on_commit_callbacks(execute=True):
            deliveries_retry_due(now=later)
        delivery.refresh_from_db()
        if delivery.next_attempt_at and len(waits) < delivery.attempts:
            waits.append(delivery.next_attempt_at - delivery.tries.last().at)
    subscription.refresh_from_db()
    assert subscription.paused and subscription.failures == MAX_FAILURES
    assert delivery.tries.count() == MAX_FAILURES  # nothing is tried while paused
    # 1, 2, 4, 8 … minutes between attempts, at most 6 hours.
    assert waits == [backoff(n) for n in range(1, MAX_FAILURES + 1)]
    assert waits[1] == dt.timedelta(minutes=2) and waits[-1] == dt.timedelta(hours=6)
    notices = Notification.objects.filter(user=cast.admin, kind="webhooks.paused")
    assert notices.count() == 1
    assert notices.get().url == f"/webhooks/{subscription.pk}/"

    # The owner fixes the receiver and resumes from the page: what waited is sent.
    receiver.status, receiver.answer = 200, b"ok"
    page = api(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = page.post(f"/webhooks/{subscription.pk}/resume/")
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert not subscription.paused and subscription.failures == 0
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert receiver.messages[-1].verified


def test_a_delivery_is_given_up_after_a_day(cast, receiver, django_capture_on_commit_callbacks):
    receiver.status = 500
    subscribe(cast.admin, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        ask(cast.own, cast.owner)
    Delivery.objects.update(
        created_at=timezone.now() - dt.timedelta(hours=23, minutes=59, seconds=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        deliveries_retry_due(now=timezone.now() + dt.timedelta(hours=1))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED and delivery.next_attempt_at is None
    assert delivery.tries.count() == 2


# --- The owner's page ----------------------------------------------------------------------


def test_the_owner_sees_the_deliveries_and_sends_a_test_event(
    cast, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(cast.admin, receiver)
    page = api(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert page.post(f"/webhooks/{subscription.pk}/test/").status_code == 302
    assert message_types(receiver) == ["webhook.test"]
    assert receiver.messages[0].verified
    delivery = Delivery.objects.get()
    html = page.get(f"/webhooks/{subscription.pk}/").content.decode()
    assert delivery.msg_id in html and 'data-status="delivered"' in html
    assert 'data-status-code="200"' in html
    assert page.get("/webhooks/").status_code == 200
    assert api(cast.partner_admin).get(f"/webhooks/{subscription.pk}/").status_code == 404


def test_a_paused_subscription_can_still_be_tested(
    cast, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(cast.admin, receiver)
    Subscription.objects.filter(pk=subscription.pk).update(paused_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        api(cast.admin).post(f"/webhooks/{subscription.pk}/test/")
    assert message_types(receiver) == ["webhook.test"]
    subscription.refresh_from_db()
    assert subscription.paused  # a test does not resume it
