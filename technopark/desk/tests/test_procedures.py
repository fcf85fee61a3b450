"""The procedures' editor: a network administrator writes a procedure and its ordered steps
(names in French, Arabic and English, desk, usual delay, pieces) on a page; founders then
open files of it; a file already open keeps its steps; nobody else writes procedures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.desk import services_files
from technopark.desk import services_procedures as services
from technopark.desk.models import Procedure
from technopark.desk.tests.factories import make_desk
from technopark.desk.tests.file_factories import make_cnss_desk, make_procedure

pytestmark = pytest.mark.django_db


def _step(name_fr, kind, days, **more):
    return {"action": "step", "name_fr": name_fr, "desk_kind": kind, "delay_days": days, **more}


def test_an_admin_writes_a_procedure_and_its_ordered_steps_founders_then_follow_it(cast):
    admin = cast.client("admin")
    created = admin.post(
        "/desk/procedures/new/",
        {
            "name_fr": "Dépôt de marque",
            "name_ar": "إيداع علامة تجارية",
            "name_en": "Trademark filing",
            "code": "marque",
            "description": "Protéger le nom et le logo.",
            "active": "on",
        },
    )
    procedure = Procedure.objects.get(code="marque")
    page = f"/desk/procedures/{procedure.pk}/edit/"
    assert created.status_code == 302 and created["Location"] == page
    admin.post(page, _step("Recherche d’antériorité", "ompic", 2, pieces_fr="CIN\nLogo"))
    admin.post(
        page,
        _step(
            "Dépôt de la demande",
            "ompic",
            5,
            name_ar="إيداع الطلب",
            pieces_fr="Formulaire signé",
            pieces_ar="الاستمارة موقعة",
        ),
    )
    admin.post(page, _step("Publication", "other", 60, place="Catalogue officiel de l'OMPIC"))
    first, second, third = procedure.steps.order_by("position")
    # The second step goes first; the first one's delay changes; the publication is removed.
    admin.post(page, {"action": "up", "step": second.pk})
    admin.post(page, {**_step("Recherche d’antériorité", "ompic", 4), "step": first.pk})
    admin.post(page, {"action": "remove", "step": third.pk})
    steps = list(procedure.steps.order_by("position"))
    assert [(s.position, s.name_fr, s.delay_days) for s in steps] == [
        (1, "Dépôt de la demande", 5),
        (2, "Recherche d’antériorité", 4),
    ]
    assert steps[1].pieces_fr == ""  # the change wrote what the form held
    assert [
        a.name
        for a in Action.objects.filter(
            name__startswith="procedure.", object_id=str(procedure.pk)
        ).order_by("pk")
    ] == [
        "procedure.created",
        "procedure.step_added",
        "procedure.step_added",
        "procedure.step_added",
        "procedure.steps_reordered",
        "procedure.step_changed",
        "procedure.step_removed",
    ]

    # The public page shows it step by step, in Arabic for an Arabic reader.
    public = cast.client(None)
    public.cookies["django_language"] = "ar"
    text = public.get("/desk/procedures/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "إيداع علامة تجارية" in text
    assert text.index("إيداع الطلب") < text.index("Recherche d’antériorité")
    assert "الاستمارة موقعة" in text

    # A founder opens a file of it: the steps in the new order, due after their delays.
    make_desk(cast.site)
    file = services_files.desk_file_open(procedure=procedure, startup=cast.own, by=cast.owner)
    today = timezone.localdate()
    assert [(s.step.name_fr, s.due_on) for s in file.steps.order_by("position")] == [
        ("Dépôt de la demande", today + dt.timedelta(days=5)),
        ("Recherche d’antériorité", today + dt.timedelta(days=9)),
    ]


def test_an_open_file_keeps_its_steps_and_a_step_it_went_through_stays(cast):
    procedure = make_procedure()
    make_desk(cast.site)
    make_cnss_desk(cast.site)
    file = services_files.desk_file_open(procedure=procedure, startup=cast.own, by=cast.owner)
    before = list(file.steps.order_by("position").values_list("step_id", "due_on"))
    first = procedure.steps.get(position=1)
    admin = cast.client("admin")
    page = f"/desk/procedures/{procedure.pk}/edit/"

    refused = admin.post(page, {"action": "remove", "step": first.pk}, follow=True)
    assert "Files of this procedure went through this step" in refused.content.decode()
    assert procedure.steps.count() == 3
    assert "Files went through it: it stays." in admin.get(page).content.decode()

    admin.post(page, {"action": "down", "step": first.pk})
    admin.post(page, _step("Domiciliation", "other", 1))
    assert procedure.steps.get(pk=first.pk).position == 2 and procedure.steps.count() == 4
    assert list(file.steps.order_by("position").values_list("step_id", "due_on")) == before
    with pytest.raises(DomainError) as edge:
        services.procedure_step_move(
            step=procedure.steps.get(position=4), direction="down", by=cast.admin
        )
    assert edge.value.code == "edge"


def test_a_code_is_one_procedures_and_a_name_is_required(cast):
    make_procedure()
    admin = cast.client("admin")
    taken = admin.post("/desk/procedures/new/", {"name_fr": "Autre", "code": "creation"})
    assert taken.status_code == 400
    assert "another procedure" in taken.content.decode()
    procedure = Procedure.objects.get(code="creation")
    page = f"/desk/procedures/{procedure.pk}/edit/"
    no_name = admin.post(
        page, {"action": "step", "name_fr": "", "desk_kind": "cnss", "delay_days": 2}
    )
    assert no_name.status_code == 400 and procedure.steps.count() == 3
    late = admin.post(page, _step("Trop long", "cnss", 400))
    assert late.status_code == 400 and procedure.steps.count() == 3
    # No longer offered: founders cannot open it, and only the administrators still see it.
    admin.post(
        page,
        {
            "action": "procedure",
            "name_fr": procedure.name_fr,
            "name_en": "Company creation",
            "code": "creation",
        },  # "active" unticked
    )
    procedure.refresh_from_db()
    assert procedure.active is False
    with pytest.raises(DomainError):
        services_files.desk_file_open(procedure=procedure, startup=cast.own, by=cast.owner)
    assert "Company creation" not in cast.client("owner").get("/desk/procedures/").content.decode()
    listed = admin.get("/desk/procedures/").content.decode()
    assert "Company creation" in listed and "Not offered" in listed


@pytest.mark.parametrize("who", ["site_manager", "officer", "desk_agent", "partner_admin", "owner"])
def test_only_network_admins_write_procedures(cast, who):
    procedure = make_procedure()
    client = cast.client(who)
    assert client.get("/desk/procedures/new/").status_code == 403
    assert (
        client.post(f"/desk/procedures/{procedure.pk}/edit/", _step("X", "cnss", 1)).status_code
        == 403
    )
    assert procedure.steps.count() == 3
    assert "data-procedure-edit" not in client.get("/desk/procedures/").content.decode()
