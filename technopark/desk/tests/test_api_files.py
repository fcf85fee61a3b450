"""Files across desks through the API: a founder opens one; the desk's agent and the site's
staff move its current step to the end; internal notes stay with who runs the file."""

from __future__ import annotations

import json

import pytest

from technopark.desk.services_files import desk_file_note_add
from technopark.desk.tests.file_factories import file_world, make_procedure

pytestmark = pytest.mark.django_db


def _post(client, path: str, body: dict):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_file_opened_by_its_founder_is_moved_to_its_end_by_the_desk(cast):
    file_world(cast)
    make_procedure("marque")
    owner = cast.client("owner")
    opened = _post(owner, "/api/v1/desk-files", {"procedure": "marque"})
    assert opened.status_code == 201, opened.content
    data = opened.json()
    assert (data["startup"], data["site"], data["status"]) == ("OWN-1", "SA", "open")
    assert data["current_step"] == data["steps"][0]["id"]
    assert _post(owner, "/api/v1/desk-files", {"procedure": "marque"}).json()["code"] == (
        "already_open"
    )
    path = f"/api/v1/desk-files/{data['id']}/move"
    assert _post(owner, path, {"move": "done"}).status_code == 403
    manager = cast.client("site_manager")
    blocked = _post(manager, path, {"move": "block"})
    assert blocked.status_code == 400
    for _step in data["steps"]:
        moved = _post(manager, path, {"move": "done"})
        assert moved.status_code == 200, moved.content
    assert (moved.json()["status"], moved.json()["current_step"]) == ("closed", None)
    assert _post(manager, path, {"move": "start"}).json()["code"] == "closed"
    listed = owner.get("/api/v1/desk-files?status=closed&procedure=marque").json()
    assert [f["id"] for f in listed["items"]] == [data["id"]]


def test_internal_notes_are_not_shown_to_the_startup(cast):
    file_world(cast)
    desk_file_note_add(
        file=cast.file, text="Dossier incomplet", internal=True, by=cast.site_manager
    )
    desk_file_note_add(file=cast.file, text="Merci de passer", internal=False, by=cast.site_manager)
    path = f"/api/v1/desk-files/{cast.file.pk}"
    mine = cast.client("owner").get(path).json()
    theirs = cast.client("site_manager").get(path).json()
    assert "Dossier incomplet" not in [e["text"] for e in mine["events"]]
    assert "Merci de passer" in [e["text"] for e in mine["events"]]
    assert "Dossier incomplet" in [e["text"] for e in theirs["events"]]
    assert [p["label"] for p in mine["pieces"]] == ["Statuts"]
    assert cast.client("other_member").get(path).status_code == 404
