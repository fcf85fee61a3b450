"""Service requests of the queue in bulk (support/bulk.py): give them to someone, close."""

from __future__ import annotations

from django.utils import timezone

from technopark.core.models import Action, BulkRun
from technopark.support.models import ServiceRequest


def _requests(cast):
    made = [
        ServiceRequest.objects.create(
            startup=cast.own, title=title, family="network", text="…", site=cast.site
        )
        for title in ("Mise en relation banque", "Salon GITEX", "Mentor export")
    ]
    ServiceRequest.objects.filter(pk=made[2].pk).update(
        status="closed", outcome="done", closed_at=timezone.now()
    )
    return made


def test_close_three_one_already_closed(cast):
    made = _requests(cast)
    client = cast.client("site_manager")
    data = {"action": "close", "ids": [r.pk for r in made], "outcome": "done", "confirm": "1", "key": "s"}  # fmt: skip
    assert client.post("/bulk/support.requests/all/", data).status_code == 302
    run = BulkRun.objects.get(key="s")
    assert sorted(d["id"] for d in run.done) == [made[0].pk, made[1].pk]
    assert run.refused[0]["id"] == made[2].pk and "closed" in run.refused[0]["reason"]
    assert Action.objects.filter(name="support_request.closed", actor=cast.site_manager).count() == 2  # fmt: skip


def test_assign_only_to_someone_who_handles_the_site(cast):
    made = _requests(cast)
    client = cast.client("site_manager")
    ids = [made[0].pk, made[1].pk]
    data = {"action": "assign", "ids": ids, "owner": cast.officer.pk, "confirm": "1", "key": "a"}
    client.post("/bulk/support.requests/all/", data)
    assert set(ServiceRequest.objects.filter(pk__in=ids).values_list("owner", flat=True)) == {cast.officer.pk}  # fmt: skip
    # Staff of another site: refused for each request, nothing changed.
    data = {**data, "owner": cast.other_site_staff.pk, "key": "b"}
    client.post("/bulk/support.requests/all/", data)
    run = BulkRun.objects.get(key="b")
    assert len(run.refused) == 2 and not run.done
    assert set(ServiceRequest.objects.filter(pk__in=ids).values_list("owner", flat=True)) == {cast.officer.pk}  # fmt: skip
    assert Action.objects.filter(name="support_request.assigned").count() == 2


def test_the_queue_shows_checkboxes_to_staff_only(cast):
    _requests(cast)
    page = cast.client("site_manager").get("/support/queue/").content.decode()
    assert "data-bulk-row" in page
    assert cast.client("owner").post("/bulk/support.requests/all/", {"action": "close", "ids": "1"}).status_code == 403  # fmt: skip
