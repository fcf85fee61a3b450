"""The audit trail names who made a change, from a page, the command line or a task; the
admin shows the records that services own without editing them."""

from __future__ import annotations

import io

import pytest
from auditlog.context import set_actor as request_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from technopark.accounts.models import Role, User
from technopark.hosting.models import Lease
from technopark.startups.services import startup_update


def entries_for(model, pk) -> list[LogEntry]:
    ct = ContentType.objects.get_for_model(model)
    return list(LogEntry.objects.filter(content_type=ct, object_pk=str(pk)).order_by("pk"))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.django_db
def test_a_command_records_who_ran_it(cast, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal())  # no piped password: a one-time link
    out = io.StringIO()
    call_command(
        "adduser",
        "newmanager@example.ma",
        "--role",
        "site_manager",
        "--site",
        cast.site.code,
        "--by",
        cast.admin.email,
        stdout=out,
    )
    role = Role.objects.get(user__email="newmanager@example.ma")
    [entry] = entries_for(Role, role.pk)
    assert entry.actor == cast.admin


@pytest.mark.django_db
def test_a_service_called_outside_a_request_records_its_actor(cast):
    # what a task or a command does: call the service with `by`, no request around it
    startup_update(startup=cast.own, data={"sector": "Agritech"}, by=cast.owner)
    entry = entries_for(type(cast.own), cast.own.pk)[-1]
    assert entry.actor == cast.owner
    assert "sector" in entry.changes_dict


@pytest.mark.django_db
def test_a_service_names_its_actor_and_puts_the_request_actor_back(cast):
    with request_actor(cast.officer):
        startup_update(startup=cast.own, data={"sector": "Spatial"}, by=cast.owner)
        startup_update(startup=cast.own, data={"sector": "Robotique"}, by=None)
    first, second = entries_for(type(cast.own), cast.own.pk)[-2:]
    assert first.actor == cast.owner and second.actor == cast.officer


@pytest.mark.django_db
def test_the_import_task_records_the_uploader_as_actor(cast):
    from technopark.core.audit import set_actor

    # the worker wraps the import in set_actor(job.created_by): writes inside name them
    with set_actor(cast.admin):
        startup_update(startup=cast.own, data={"sector": "Cleantech"}, by=None)
    assert entries_for(type(cast.own), cast.own.pk)[-1].actor == cast.admin


@pytest.mark.django_db
def test_granting_the_network_admin_role_is_audited_and_opens_the_admin(cast):
    from technopark.accounts.services import role_grant

    person = User.objects.create_user(email="direction2@example.ma")
    role_grant(user=person, kind="network_admin", by=cast.admin)
    person.refresh_from_db()
    assert person.is_staff
    role = Role.objects.get(user=person)
    assert entries_for(Role, role.pk)[0].actor == cast.admin


@pytest.mark.django_db
def test_admin_shows_a_lease_but_cannot_change_it(client, cast):
    lease = Lease.objects.filter(site=cast.site).first()
    assert lease is not None
    client.force_login(User.objects.create_superuser(email="root@example.ma", password="x"))
    url = f"/admin/hosting/lease/{lease.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    before = (lease.starts_on, lease.status)
    response = client.post(url, {"status": "ended"})
    assert response.status_code == 403
    lease.refresh_from_db()
    assert (lease.starts_on, lease.status) == before
    assert client.get("/admin/hosting/lease/add/").status_code == 403


@pytest.mark.django_db
def test_a_desk_case_handled_outside_a_request_names_the_agent(cast):
    # a service whose body never reads `by` (@acts_for_by names it), called as a command does
    from technopark.desk.models import Case
    from technopark.desk.services import case_close, case_open
    from technopark.desk.tests.factories import make_desk

    desk = make_desk(cast.site)
    case = case_open(desk=desk, startup=cast.own, title="Dépôt de marque", by=cast.desk_agent)
    case_close(case=case, notes="Marque enregistrée", by=cast.desk_agent)
    opened, closed = entries_for(Case, case.pk)
    assert opened.action == LogEntry.Action.CREATE and opened.actor == cast.desk_agent
    assert closed.changes_dict["status"][1] == Case.Status.CLOSED
    assert closed.actor == cast.desk_agent


@pytest.mark.django_db
def test_a_rating_written_through_another_service_names_the_founder(cast):
    # support's rating writes the satisfaction answer through surveys: the answer names the
    # founder who rated, though neither function is given a request
    from technopark.support.models import ServiceRequest
    from technopark.support.services import request_close, request_rate
    from technopark.support.tests.fixtures import make_request
    from technopark.surveys.models import SatisfactionAnswer

    request = make_request(cast)
    request_close(request=request, outcome=ServiceRequest.Outcome.DONE, by=cast.officer)
    request_rate(request=request, score=5, comment="Très utile", by=cast.owner)
    answer = SatisfactionAnswer.objects.get(
        startup=cast.own, channel=SatisfactionAnswer.Channel.SERVICE
    )
    [entry] = entries_for(SatisfactionAnswer, answer.pk)
    assert entry.actor == cast.owner
