"""The review flow says what happened (core/actions.py): a reviewer assigned (never told to
the applicant's webhooks), an interview scheduled, moved and cancelled, an application
withdrawn; a startup's staff timeline tells them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.core.models import Action
from technopark.programs.services.applications import application_withdraw
from technopark.programs.services.selection import (
    interview_cancel,
    interview_schedule,
    reviewer_assign,
)
from technopark.programs.tests.fixtures import make_application


def _names(application) -> list[str]:
    return list(
        Action.objects.filter(object_id=str(application.pk), name__contains=".")
        .exclude(name="application.submitted")
        .order_by("pk")
        .values_list("name", flat=True)
    )


def test_interviews_scheduled_moved_and_cancelled(cast):
    application = make_application(cast)
    application.startup = cast.own
    application.save(update_fields=["startup"])
    at = timezone.now() + dt.timedelta(days=5)
    interview_schedule(application=application, at=at, by=cast.officer)
    interview_schedule(application=application, at=at, notes="Salle 2", by=cast.officer)
    interview_schedule(application=application, at=at + dt.timedelta(hours=2), by=cast.officer)
    interview_cancel(application=application, by=cast.officer)
    assert _names(application) == [
        "interview.scheduled",
        "interview.moved",
        "interview.cancelled",
    ]
    scheduled = Action.objects.get(name="interview.scheduled")
    assert (scheduled.actor, scheduled.site_id) == (cast.officer, application.call.site_id)
    assert scheduled.startup_id == cast.own.pk
    assert scheduled.payload == {"at": at.isoformat()}
    page = cast.client("admin").get(f"/startups/{cast.own.ref}/staff/").content.decode()
    assert "Interview scheduled" in page or "Entretien programmé" in page


def test_a_reviewer_assigned_is_for_the_staff_only(cast):
    from technopark.webhooks.permissions import visible_actions

    application = make_application(cast)
    application.startup = cast.own
    application.save(update_fields=["startup"])
    reviewer_assign(application=application, reviewer=cast.officer, by=cast.site_manager)
    assigned = Action.objects.get(name="reviewer.assigned")
    assert (assigned.actor, assigned.payload["reviewer"]) == (cast.site_manager, cast.officer.pk)
    assert visible_actions(cast.admin).filter(pk=assigned.pk).exists()
    assert not visible_actions(cast.owner).filter(pk=assigned.pk).exists()


def test_an_application_withdrawn(cast):
    application = make_application(cast)
    application_withdraw(application=application, by=application.applicant)
    withdrawn = Action.objects.get(name="application.withdrawn")
    assert (withdrawn.actor, withdrawn.payload) == (
        application.applicant,
        {"call": application.call_id, "was": "submitted"},
    )


def test_a_call_written_changed_and_published(cast):
    from technopark.house.testing import ProgramFactory
    from technopark.programs.models import Criterion
    from technopark.programs.services.calls import call_create, call_publish, call_update

    today = timezone.localdate()
    call = call_create(
        program=ProgramFactory(),
        site=cast.site,
        title="Accélération 2027",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        by=cast.officer,
    )
    call_update(call=call, data={"description": "Pour les startups agricoles."}, by=cast.officer)
    call_update(call=call, data={"description": "Pour les startups agricoles."}, by=cast.officer)
    Criterion.objects.create(call=call, label="Équipe", weight=1, position=1)
    call_publish(call=call, by=cast.site_manager)
    actions = list(Action.objects.filter(object_id=str(call.pk), name__startswith="call.").order_by("pk"))  # fmt: skip
    assert [a.name for a in actions] == ["call.created", "call.updated", "call.published"]
    assert {a.site_id for a in actions} == {cast.site.pk}
    assert actions[1].payload == {"fields": ["description"]}
    assert actions[2].actor == cast.site_manager
