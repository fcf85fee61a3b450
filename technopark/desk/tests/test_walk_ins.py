"""Walk-ins: an agent records a visitor without an appointment in two taps; the desks
compared count them beside the appointments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.desk.models import WalkIn
from technopark.desk.selectors import desks_compared
from technopark.desk.services_walk_ins import walk_in_record
from technopark.desk.tests.factories import at, make_appointment, make_desk, make_slot


@pytest.fixture
def desk(cast):
    return make_desk(cast.site)


def test_an_agent_records_a_walk_in_with_a_name_and_one_tap(cast, desk):
    client = cast.client("desk_agent")
    response = client.post(f"/desk/{desk.pk}/walk-ins/", {"who": "own startup"})
    assert response.status_code == 302
    walk_in = WalkIn.objects.get()
    assert walk_in.startup == cast.own and walk_in.visitor == ""  # the typed name was a startup
    assert walk_in.recorded_by == cast.desk_agent
    assert Action.objects.filter(name="appointment.walk_in").count() == 1
    service = desk.services.get()
    client.post(
        f"/desk/{desk.pk}/walk-ins/",
        {"who": "Salma Bennani", "service": service.pk, "outcome": "Formulaire CN1 remis"},
    )
    person = WalkIn.objects.get(visitor="Salma Bennani")
    assert person.startup is None and person.service == service
    page = client.get(f"/desk/{desk.pk}/manage/").content.decode()
    assert "Salma Bennani" in page and "Own Startup" in page and "Formulaire CN1 remis" in page


def test_a_walk_in_without_a_name_is_refused_and_nothing_recorded(cast, desk):
    with pytest.raises(DomainError) as refused:
        walk_in_record(desk=desk, who="  ", by=cast.desk_agent)
    assert refused.value.field == "who"
    response = cast.client("desk_agent").post(f"/desk/{desk.pk}/walk-ins/", {"who": ""})
    assert response.status_code == 302
    assert not WalkIn.objects.exists()


def test_only_those_who_run_the_desk_record_walk_ins(cast, desk):
    url = f"/desk/{desk.pk}/walk-ins/"
    for who in ("owner", "other_member", "other_site_staff", "expert"):
        assert cast.client(who).post(url, {"who": "X"}).status_code == 404, who
    assert not WalkIn.objects.exists()


def test_walk_ins_count_in_the_desks_figures(cast, desk):
    slot = make_slot(desk, day_offset=-1)
    make_appointment(slot, cast.own, cast.owner, status="done")
    for name in ("Visiteur 1", "Visiteur 2"):
        walk_in_record(desk=desk, who=name, by=cast.desk_agent)
    walk_in_record(desk=desk, who="Ancien", at=at(-200, 10), by=cast.desk_agent)  # out of period
    today = timezone.localdate()
    [row] = desks_compared(
        type(desk).objects.filter(pk=desk.pk), today - dt.timedelta(days=30), today
    )
    assert (row.appointments, row.done, row.walk_ins, row.visits) == (1, 1, 2, 3)
    page = cast.client("site_manager").get("/desk/compare/").content.decode()
    assert "Walk-ins" in page
