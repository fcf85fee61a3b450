"""Experts' weekly slots through the API: a founder sees the free occurrences, books one,
cannot book it twice, and cancels within the notice the page keeps."""

from __future__ import annotations

import json

import pytest

from technopark.support.models import ExpertSession
from technopark.support.tests.fixtures import make_expert
from technopark.support.tests.slot_fixtures import first_start, publish_slot

pytestmark = pytest.mark.django_db


def _post(client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_founder_books_a_free_slot_and_cancels_it(cast):
    slot = publish_slot(make_expert(cast), in_days=3)
    owner = cast.client("owner")
    free = owner.get("/api/v1/expert-slots").json()
    starts = [o["starts_at"] for o in free["items"] if o["slot"] == slot.pk]
    assert starts and starts[0].startswith(first_start(slot).date().isoformat())
    body = {"starts_at": first_start(slot).isoformat(), "topic": "Préparer la levée"}
    made = _post(owner, f"/api/v1/expert-slots/{slot.pk}/bookings", body)
    assert made.status_code == 201, made.content
    assert (made.json()["startup"], made.json()["status"]) == ("OWN-1", "proposed")
    left = owner.get(f"/api/v1/expert-slots?expert={slot.expert_id}").json()["items"]
    assert first_start(slot) not in [o["starts_at"] for o in left]
    assert len(left) == len(free["items"]) - 1
    taken = _post(cast.client("other_member"), f"/api/v1/expert-slots/{slot.pk}/bookings", body)
    assert taken.status_code == 409
    odd = {**body, "starts_at": first_start(slot).replace(hour=7).isoformat()}
    assert _post(owner, f"/api/v1/expert-slots/{slot.pk}/bookings", odd).status_code == 400
    session = made.json()["id"]
    assert (
        _post(
            cast.client("other_member"),
            f"/api/v1/expert-sessions/{session}/cancel",
            {"reason": "x"},
        ).status_code
        == 404
    )
    done = _post(owner, f"/api/v1/expert-sessions/{session}/cancel", {"reason": "Empêchement"})
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert ExpertSession.objects.get(pk=session).cancel_reason == "Empêchement"


def test_staff_and_visitors_do_not_book(cast):
    publish_slot(make_expert(cast))
    assert cast.client("site_manager").get("/api/v1/expert-slots").status_code == 403
    assert cast.client("anonymous").get("/api/v1/expert-slots").status_code == 401
