"""Deciding many registrations at once (community/bulk.py through core/selection.py)."""

from __future__ import annotations

from technopark.community.models import Registration
from technopark.community.tests.factories import make_event, register
from technopark.core.models import Action, BulkRun
from technopark.house.testing import UserFactory


def _people(n):
    return [UserFactory(email=f"p{i}@example.ma") for i in range(n)]


def test_approve_three_one_already_decided(cast):
    event = make_event(cast.site, capacity=10, requires_approval=True)
    a, b, c = (register(event, u, "pending") for u in _people(3))
    Registration.objects.filter(pk=c.pk).update(status="rejected")
    client = cast.client("site_manager")
    url = f"/bulk/community.registrations/{event.pk}/"
    response = client.post(url, {"action": "approve", "ids": f"{a.pk},{b.pk},{c.pk}", "confirm": "1", "key": "r1"})  # fmt: skip
    assert response.status_code == 302
    run = BulkRun.objects.get(key="r1")
    assert [d["id"] for d in run.done] == [a.pk, b.pk]
    assert run.refused[0]["id"] == c.pk and "already decided" in run.refused[0]["reason"]
    assert set(Registration.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {"confirmed"}  # fmt: skip
    assert Registration.objects.get(pk=c.pk).status == "rejected"
    assert Action.objects.filter(name="registration.approved", actor=cast.site_manager).count() == 2


def test_promote_until_the_event_is_full(cast):
    event = make_event(cast.site, capacity=2)
    register(event, _people(1)[0])
    waiting = [register(event, u, "waitlisted") for u in _people(3)[1:]] + [
        register(event, UserFactory(email="w3@example.ma"), "waitlisted")
    ]
    client = cast.client("site_manager")
    url = f"/bulk/community.registrations/{event.pk}/"
    client.post(url, {"action": "promote", "ids": [w.pk for w in waiting], "confirm": "1", "key": "p"})  # fmt: skip
    run = BulkRun.objects.get(key="p")
    assert len(run.done) == 1 and len(run.refused) == 2
    assert all("full" in r["reason"] for r in run.refused)
    assert Action.objects.filter(name="registration.promoted").count() == 1


def test_staff_of_another_site_cannot_act_on_its_events(cast):
    event = make_event(cast.site, requires_approval=True)
    pending = register(event, _people(1)[0], "pending")
    url = f"/bulk/community.registrations/{event.pk}/"
    response = cast.client("other_site_staff").post(url, {"action": "approve", "ids": pending.pk, "confirm": "1"})  # fmt: skip
    assert response.status_code == 403
    assert Registration.objects.get(pk=pending.pk).status == "pending"
    page = cast.client("site_manager").get(f"/community/events/{event.pk}/manage/").content.decode()
    assert "data-bulk-row" in page
