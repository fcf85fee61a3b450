"""Files across desks: a founder opens a procedure, uploads pieces ahead and follows it; the
desks move the steps one after the other; late files show on the desk's day page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.desk import services_files as services
from technopark.desk.models import DeskFile, FileEvent, FilePiece, FileStep
from technopark.desk.tests.factories import make_desk
from technopark.desk.tests.file_factories import PDF, make_cnss_desk, make_procedure
from technopark.house.testing import UserFactory, make_role
from technopark.notifications.models import Notification


@pytest.fixture
def file(cast):
    make_desk(cast.site)
    make_cnss_desk(cast.site)
    return services.desk_file_open(procedure=make_procedure(), startup=cast.own, by=cast.owner)


def _step(file, position: int) -> FileStep:
    return file.steps.get(position=position)


def _pdf(name="statuts.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_opening_a_file_sends_each_step_to_the_sites_desk_with_chained_due_dates(cast, file):
    today = timezone.localdate()
    steps = list(file.steps.order_by("position").select_related("desk"))
    assert [s.desk.code if s.desk else None for s in steps] == ["SA-OMPIC", None, "SA-CNSS"]
    assert [s.due_on for s in steps] == [
        today + dt.timedelta(days=2),
        today + dt.timedelta(days=7),
        today + dt.timedelta(days=10),
    ]
    assert file.site == cast.site and file.status == DeskFile.Status.OPEN
    assert Action.objects.filter(name="desk_file.opened", startup_id=cast.own.pk).count() == 1


def test_a_second_file_of_the_same_procedure_in_progress_is_refused(cast, file):
    with pytest.raises(DomainError) as refused:
        services.desk_file_open(procedure=file.procedure, startup=cast.own, by=cast.owner)
    assert refused.value.code == "already_open"
    assert DeskFile.objects.count() == 1


def test_steps_move_in_order_and_the_last_one_done_completes_the_file(cast, file):
    agent = cast.desk_agent
    with pytest.raises(DomainError) as refused:
        services.desk_file_step_move(step=_step(file, 2), move="start", by=cast.site_manager)
    assert refused.value.code == "not_current"
    services.desk_file_step_move(step=_step(file, 1), move="start", by=agent)
    services.desk_file_step_move(step=_step(file, 1), move="done", by=agent)
    assert services.current_step(file) == _step(file, 2)
    with pytest.raises(DomainError):
        services.desk_file_step_move(step=_step(file, 2), move="block", reason=" ", by=agent)
    assert _step(file, 2).status == FileStep.Status.PENDING
    services.desk_file_step_move(
        step=_step(file, 2), move="block", reason="Statuts non signés", by=cast.site_manager
    )
    assert _step(file, 2).blocked_reason == "Statuts non signés"
    services.desk_file_step_move(step=_step(file, 2), move="done", by=cast.site_manager)
    services.desk_file_step_move(step=_step(file, 3), move="done", by=cast.site_manager)
    file.refresh_from_db()
    assert file.status == DeskFile.Status.CLOSED and file.closed_at is not None
    assert Action.objects.filter(name="desk_file.step_done").count() == 3
    assert Action.objects.filter(name="desk_file.closed").count() == 1
    with pytest.raises(DomainError) as closed:
        services.desk_file_step_move(step=_step(file, 3), move="start", by=cast.site_manager)
    assert closed.value.code == "closed"


def test_each_move_tells_every_member_with_the_step_named_in_their_language(cast, file):
    cast.owner.language = "ar"
    cast.owner.save(update_fields=["language"])
    cast.colleague.language = "en"
    cast.colleague.save(update_fields=["language"])
    services.desk_file_step_move(step=_step(file, 1), move="done", by=cast.desk_agent)
    arabic = Notification.objects.get(user=cast.owner, kind="desk.file_step")
    english = Notification.objects.get(user=cast.colleague, kind="desk.file_step")
    assert "الشهادة السلبية" in arabic.title and "إحداث مقاولة" in arabic.title
    assert "Negative certificate" in english.title and "done" in english.title
    assert arabic.url == f"/desk/files/{file.pk}/"
    assert not Notification.objects.filter(user=cast.other_member).exists()


def test_the_agent_of_the_steps_desk_moves_it_others_may_not(cast, file):
    url = f"/desk/files/steps/{_step(file, 1).pk}/"
    assert cast.client("owner").post(url, {"move": "done"}).status_code == 403
    assert cast.client("other_member").post(url, {"move": "done"}).status_code == 404
    cnss_agent = make_role(UserFactory(), "desk_agent", desk=make_cnss_desk(cast.site))
    client = cast.client(None)
    client.force_login(cnss_agent)
    assert client.post(url, {"move": "done"}).status_code == 403  # sees the file, not its step
    assert _step(file, 1).status == FileStep.Status.PENDING
    response = cast.client("desk_agent").post(url, {"move": "done"})
    assert response.status_code == 302
    assert _step(file, 1).status == FileStep.Status.DONE
    # The CNSS agent's step comes once the RC is done; then theirs to move.
    services.desk_file_step_move(step=_step(file, 2), move="done", by=cast.site_manager)
    response = client.post(f"/desk/files/steps/{_step(file, 3).pk}/", {"move": "start"})
    assert response.status_code == 302
    assert _step(file, 3).status == FileStep.Status.IN_PROGRESS


def test_the_founder_sees_the_current_step_due_dates_and_history(cast, file, french):
    services.desk_file_step_move(step=_step(file, 1), move="start", by=cast.desk_agent)
    page = cast.client("owner").get(f"/desk/files/{file.pk}/").content.decode()
    assert "Étape en cours" in page or "Current step" in page
    assert "Certificat négatif" in page and "Affiliation CNSS" in page
    assert _step(file, 3).due_on.strftime("%d/%m/%Y") in page


def test_internal_notes_stay_with_the_desks_visible_ones_reach_the_founder(cast, file):
    agent = cast.client("desk_agent")
    agent.post(f"/desk/files/{file.pk}/notes/", {"text": "Appeler le greffe", "internal": "on"})
    agent.post(f"/desk/files/{file.pk}/notes/", {"text": "Apportez l'original de la CIN"})
    founder_page = cast.client("owner").get(f"/desk/files/{file.pk}/").content.decode()
    assert "Apportez l&#x27;original de la CIN" in founder_page
    assert "Appeler le greffe" not in founder_page
    staff_page = cast.client("site_manager").get(f"/desk/files/{file.pk}/").content.decode()
    assert "Appeler le greffe" in staff_page
    assert cast.client("owner").post(
        f"/desk/files/{file.pk}/notes/", {"text": "x"}
    ).status_code == (403)


def test_an_agent_sets_a_new_due_date_but_not_one_in_the_past(cast, file):
    url = f"/desk/files/steps/{_step(file, 1).pk}/"
    later = timezone.localdate() + dt.timedelta(days=9)
    cast.client("desk_agent").post(url, {"due_on": later.isoformat()})
    assert _step(file, 1).due_on == later
    past = timezone.localdate() - dt.timedelta(days=1)
    cast.client("desk_agent").post(url, {"due_on": past.isoformat()})
    assert _step(file, 1).due_on == later
    assert FileEvent.objects.filter(kind="due").count() == 1


def test_late_files_show_on_the_day_page_of_the_desk_of_their_current_step(cast, file):
    FileStep.objects.filter(pk=_step(file, 1).pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=3)
    )
    # A later step past its date does not make another desk's day late while it waits.
    FileStep.objects.filter(pk=_step(file, 3).pk).update(
        due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    ompic = cast.client("desk_agent").get(f"/desk/{file.steps.get(position=1).desk_id}/manage/")
    assert ompic.status_code == 200
    assert "Late files" in ompic.content.decode() and "Own Startup" in ompic.content.decode()
    cnss = cast.client("site_manager").get(f"/desk/{make_cnss_desk(cast.site).pk}/manage/")
    assert "Late files" not in cnss.content.decode()
    home = cast.client("desk_agent").get("/").content.decode()
    assert "Late desk files" in home
    services.desk_file_step_move(step=_step(file, 1), move="done", by=cast.desk_agent)
    ompic = cast.client("desk_agent").get(f"/desk/{file.steps.get(position=1).desk_id}/manage/")
    assert "Late files" not in ompic.content.decode()


def test_a_member_uploads_a_piece_checked_by_its_content(cast, file):
    client = cast.client("owner")
    url = f"/desk/files/{file.pk}/pieces/"
    renamed = _pdf("cin.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    response = client.post(url, {"label": "CIN", "upload": renamed})
    assert response.status_code == 400
    assert "not accepted" in response.content.decode()
    too_big = _pdf("gros.pdf", PDF + b"0" * (services.MAX_PIECE_BYTES + 1))
    response = client.post(url, {"label": "Gros", "upload": too_big})
    assert response.status_code == 400 and "too large" in response.content.decode()
    assert not FilePiece.objects.exists()
    step = _step(file, 1)
    response = client.post(url, {"label": "Statuts", "step": step.pk, "upload": _pdf()})
    assert response.status_code == 302
    piece = FilePiece.objects.get()
    assert piece.step == step and piece.size == len(PDF)


def test_pieces_are_served_as_attachments_only_to_those_concerned(cast, file):
    piece = services.desk_file_piece_add(file=file, upload=_pdf(), label="Statuts", by=cast.owner)
    url = f"/desk/files/{file.pk}/pieces/{piece.pk}/"
    for who in ("owner", "colleague", "desk_agent", "site_manager", "admin"):
        response = cast.client(who).get(url)
        assert response.status_code == 200, who
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    for who in ("other_member", "other_site_staff", "expert"):
        assert cast.client(who).get(url).status_code == 404, who
    # Another file's id with this piece's id: no way round the file's own check.
    other = services.desk_file_open(procedure=file.procedure, startup=cast.other, by=None)
    assert cast.client("owner").get(f"/desk/files/{other.pk}/pieces/{piece.pk}/").status_code == (
        404
    )
    assert cast.client("other_member").get(f"/desk/files/{other.pk}/pieces/{piece.pk}/").status_code == 404  # fmt: skip


def test_a_founder_never_sees_another_startups_files(cast, file):
    other = services.desk_file_open(procedure=file.procedure, startup=cast.other, by=None)
    page = cast.client("owner").get("/desk/files/").content.decode()
    assert f"/desk/files/{file.pk}/" in page and f"/desk/files/{other.pk}/" not in page
    assert cast.client("owner").get(f"/desk/files/{other.pk}/").status_code == 404
    assert (
        cast.client("owner").post(f"/desk/files/{other.pk}/pieces/", {"label": "x"}).status_code
        == 404
    )


def test_a_founder_opens_a_file_from_the_page(cast):
    make_desk(cast.site)
    procedure = make_procedure()
    response = cast.client("owner").post("/desk/files/", {"procedure": procedure.pk})
    assert response.status_code == 302
    created = DeskFile.objects.get()
    assert created.startup == cast.own and response["Location"] == f"/desk/files/{created.pk}/"
    # Staff open no file for a startup they are not a member of.
    assert cast.client("site_manager").post("/desk/files/", {"procedure": procedure.pk}).status_code == 404  # fmt: skip
