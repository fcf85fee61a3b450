"""Lists of the API: paged with a count, a stable order and `updated_since`; unknown paths
and methods answer JSON; the schema declares the bearer scheme and the error answers."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from technopark.accounts.services import token_create
from technopark.house.testing import StartupFactory
from technopark.startups.models import Startup


def _admin(cast) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=cast.admin, name='t')[1]}"}


def test_pages_walk_every_row_once_with_a_count(cast):
    for i in range(7):
        StartupFactory(ref=f"PAGE-{i}", name="Même nom")  # ties on the name: the id decides
    auth, client = _admin(cast), Client()
    total = client.get("/api/v1/startups", {"limit": 1}, **auth).json()["count"]
    assert total == Startup.objects.count()
    seen = []
    for offset in range(0, total, 3):
        page = client.get("/api/v1/startups", {"limit": 3, "offset": offset}, **auth).json()
        assert page["count"] == total
        seen += [row["id"] for row in page["items"]]
    assert len(seen) == len(set(seen)) == total


def test_updated_since_lists_only_what_changed(cast):
    auth, client = _admin(cast), Client()
    old = timezone.now() - dt.timedelta(days=30)
    Startup.objects.update(updated_at=old)
    StartupFactory(ref="NEW-1", name="Nouvelle")
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    page = client.get("/api/v1/startups", {"updated_since": since}, **auth).json()
    assert [row["id"] for row in page["items"]] == ["NEW-1"]
    assert page["count"] == 1
    everything = client.get("/api/v1/startups", {"updated_since": "2020-01-01T00:00:00"}, **auth)
    assert everything.json()["count"] == Startup.objects.count()


def test_an_offset_iso_allows_but_postgresql_does_not_still_answers(cast):
    # ISO 8601 reads offsets up to ±23:59; PostgreSQL refuses beyond ±15:59 (a 500 before).
    auth, client = _admin(cast), Client()
    Startup.objects.update(updated_at=timezone.now() - dt.timedelta(days=30))
    StartupFactory(ref="NEW-2", name="Nouvelle")
    since = (timezone.now() - dt.timedelta(days=1)).astimezone(
        dt.timezone(-dt.timedelta(hours=18, minutes=13))
    )
    page = client.get("/api/v1/startups", {"updated_since": since.isoformat()}, **auth)
    assert page.status_code == 200
    assert [row["id"] for row in page.json()["items"]] == ["NEW-2"]


def test_a_bad_updated_since_is_a_400(cast):
    auth, client = _admin(cast), Client()
    far = client.get("/api/v1/startups", {"updated_since": "1850-01-01T00:00:00Z"}, **auth)
    assert (far.status_code, far.json()["code"]) == (400, "invalid_date")
    typo = client.get("/api/v1/startups", {"updated_since": "hier"}, **auth)
    assert (typo.status_code, typo.json()["code"]) == (400, "invalid")


def test_unknown_paths_and_methods_answer_json(cast):
    client = Client()
    missing = client.get("/api/v1/nothing/here")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    wrong = client.put("/api/v1/sites")
    assert wrong.status_code == 405
    assert wrong.json()["code"] == "method_not_allowed"
    assert "GET" in wrong["Allow"]


def test_the_schema_declares_the_bearer_scheme_and_the_errors(db):
    doc = Client().get("/api/v1/openapi.json").json()
    assert doc["components"]["securitySchemes"]["bearer"] == {
        **doc["components"]["securitySchemes"]["bearer"],
        "type": "http",
        "scheme": "bearer",
    }
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            statuses = set(operation["responses"])
            expected = {"400", "401", "403", "404", "429"}
            if method != "get":
                expected.add("409")
            assert expected <= statuses, f"{method} {path} lacks {expected - statuses}"
            assert {"bearer": []} in operation["security"]
            body = operation["responses"]["401"]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/ErrorOut"}
    assert doc["components"]["schemas"]["ErrorOut"]["required"] == ["code", "message"]
