"""Committee sessions through the API: a member declares and votes through the services; a
member with a conflict is refused and does not see the others' votes."""

from __future__ import annotations

import json

import pytest

from technopark.committee.models import Vote
from technopark.committee.tests.fixtures import make_session, sitting_expert

pytestmark = pytest.mark.django_db


def _post(client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_conflicted_member_is_refused_and_sees_no_votes(cast):
    session = make_session(cast, held=True)
    item = session.items.order_by("position").first()
    expert = sitting_expert(cast)
    manager, officer = cast.client("site_manager"), cast.client("officer")
    from django.test import Client

    expert_client = Client()
    expert_client.force_login(expert)

    assert (
        _post(manager, f"/api/v1/committee-items/{item.pk}/vote", {"choice": "for"}).json()["code"]
        == "undeclared"
    )
    for client in (manager, officer):
        done = _post(client, f"/api/v1/committee-items/{item.pk}/declaration", {"conflict": False})
        assert done.status_code == 200
    voted = _post(manager, f"/api/v1/committee-items/{item.pk}/vote", {"choice": "for"})
    assert voted.status_code == 200
    again = _post(manager, f"/api/v1/committee-items/{item.pk}/vote", {"choice": "against"})
    assert (again.status_code, again.json()["code"]) == (409, "already_voted")

    no_note = _post(
        expert_client, f"/api/v1/committee-items/{item.pk}/declaration", {"conflict": True}
    )
    assert no_note.status_code == 400
    declared = _post(
        expert_client,
        f"/api/v1/committee-items/{item.pk}/declaration",
        {"conflict": True, "note": "J'ai conseillé le porteur"},
    )
    assert declared.status_code == 200
    refused = _post(expert_client, f"/api/v1/committee-items/{item.pk}/vote", {"choice": "for"})
    assert (refused.status_code, refused.json()["code"]) == (400, "conflict")
    assert Vote.objects.filter(item=item).count() == 1

    seen = expert_client.get(f"/api/v1/committee-sessions/{session.pk}").json()
    row = next(i for i in seen["agenda"] if i["id"] == item.pk)
    assert (row["votes_hidden"], row["tally"], row["votes"]) == (True, None, [])
    assert row["my_declaration"] == "conflict"
    theirs = manager.get(f"/api/v1/committee-sessions/{session.pk}").json()
    row = next(i for i in theirs["agenda"] if i["id"] == item.pk)
    assert row["tally"]["for"] == 1 and row["my_vote"] == "for" and not row["votes_hidden"]
    assert theirs["member"] is True
    assert (
        cast.client("admin").get("/api/v1/committee-sessions").json()["items"][0]["member"] is False
    )
    assert cast.client("owner").get(f"/api/v1/committee-sessions/{session.pk}").status_code == 404
