"""Sites being built: milestones, the readiness checklist and opening a site."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from technopark.core.errors import Conflict, DomainError
from technopark.desk.models import Desk, Service
from technopark.federation.models import Milestone, SiteProject
from technopark.federation.services import (
    checklist_item_set,
    milestone_update,
    project_create,
    site_open,
)
from technopark.network.models import Site, Space

OPENED = dt.date(2026, 1, 5)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def complete_checklist(project, by) -> None:
    for item in project.checklist.all():
        checklist_item_set(item=item, done=True, by=by)


def test_opening_is_refused_while_the_checklist_is_incomplete(fed):
    checklist_item_set(item=fed.project.checklist.first(), done=True, by=fed.admin)
    with pytest.raises(DomainError) as error:
        site_open(site=fed.new_site, opened_on=OPENED, by=fed.admin)
    assert error.value.code == "checklist_incomplete"
    assert "Équipe recrutée" in error.value.message
    fed.new_site.refresh_from_db()
    assert fed.new_site.opened_on is None
    assert not Space.objects.filter(site=fed.new_site).exists()
    assert not Desk.objects.filter(site=fed.new_site).exists()


def test_opening_makes_the_site_ready_to_use(fed):
    template = Desk.objects.create(
        site=fed.site, code="SA-OMPIC", partner="OMPIC", name="OMPIC", kind=Desk.Kind.OMPIC
    )
    Service.objects.create(desk=template, code="cn", name_fr="Certificat négatif", price_mad=230)
    complete_checklist(fed.project, fed.admin)

    site = site_open(site=fed.new_site, opened_on=OPENED, by=fed.admin)

    assert site.opened_on == OPENED
    assert Site.objects.get(code="NEW").status_on(OPENED) == Site.Status.OPEN
    space = Space.objects.get(site=site, code="N-101")
    assert (space.kind, space.area_m2, space.seats, space.leasable) == (
        "office",
        Decimal("16.00"),
        3,
        True,
    )
    linked = set(site.programs.values_list("code", flat=True))
    assert linked == {"INC"}  # the network's direct program, not the partners'
    desks = {d.code: d for d in Desk.objects.filter(site=site)}
    assert set(desks) == {"NEW-OMPIC", "NEW-ANAPEC", "NEW-CNSS", "NEW-CIMR"}
    assert desks["NEW-OMPIC"].kind == Desk.Kind.OMPIC
    copied = desks["NEW-OMPIC"].services.get()
    assert (copied.code, copied.price_mad) == ("cn", Decimal("230.00"))
    opening = fed.project.milestones.get(kind=Milestone.Kind.OPENING)
    assert (opening.status, opening.actual_on) == ("done", OPENED)

    with pytest.raises(Conflict):
        site_open(site=site, opened_on=OPENED, by=fed.admin)


def test_opening_in_the_future_is_refused(fed):
    complete_checklist(fed.project, fed.admin)
    with pytest.raises(DomainError):
        site_open(
            site=fed.new_site, opened_on=timezone.localdate() + dt.timedelta(days=1), by=fed.admin
        )
    fed.new_site.refresh_from_db()
    assert fed.new_site.opened_on is None


def test_existing_space_codes_block_the_opening(fed):
    complete_checklist(fed.project, fed.admin)
    Space.objects.create(site=fed.new_site, code="N-101", kind="office", area_m2=10)
    with pytest.raises(Conflict):
        site_open(site=fed.new_site, opened_on=OPENED, by=fed.admin)
    fed.new_site.refresh_from_db()
    assert fed.new_site.opened_on is None


def test_admin_opens_a_site_through_the_page(fed):
    client = login(fed.admin)
    response = client.post("/federation/pipeline/NEW/open/", {"opened_on": "2026-01-05"})
    assert response.status_code == 302
    fed.new_site.refresh_from_db()
    assert fed.new_site.opened_on is None  # checklist incomplete
    page = client.get("/federation/pipeline/NEW/")
    assert "The readiness checklist is not complete" in page.content.decode()

    for item in fed.project.checklist.all():
        client.post(f"/federation/pipeline/NEW/checklist/{item.pk}/", {"done": "1"})
    response = client.post("/federation/pipeline/NEW/open/", {"opened_on": "2026-01-05"})
    assert response["Location"] == "/sites/NEW/"
    fed.new_site.refresh_from_db()
    assert fed.new_site.opened_on == OPENED


def test_site_staff_may_not_open_a_site(fed):
    complete_checklist(fed.project, fed.admin)
    response = login(fed.site_manager).post(
        "/federation/pipeline/NEW/open/", {"opened_on": "2026-01-05"}
    )
    assert response.status_code == 403
    fed.new_site.refresh_from_db()
    assert fed.new_site.opened_on is None


def test_milestone_rules(fed):
    works = fed.project.milestones.get(kind="works")
    with pytest.raises(DomainError):
        milestone_update(
            milestone=works, planned_on=works.planned_on, status="done", actual_on=None, by=None
        )
    with pytest.raises(DomainError):
        milestone_update(
            milestone=works,
            planned_on=works.planned_on,
            status="in_progress",
            actual_on=dt.date(2025, 1, 1),
            by=None,
        )
    opening = fed.project.milestones.get(kind="opening")
    with pytest.raises(DomainError):
        milestone_update(
            milestone=opening,
            planned_on=opening.planned_on,
            status="done",
            actual_on=dt.date(2025, 1, 1),
            by=None,
        )


def test_admin_updates_a_milestone_and_lateness_shows(fed):
    client = login(fed.admin)
    response = client.post(
        "/federation/pipeline/NEW/milestones/works/",
        {"planned_on": "2025-03-31", "status": "in_progress", "actual_on": "", "note": "Lot 2"},
    )
    assert response.status_code == 302
    works = fed.project.milestones.get(kind="works")
    assert (works.planned_on, works.status, works.note) == (
        dt.date(2025, 3, 31),
        "in_progress",
        "Lot 2",
    )
    page = client.get("/federation/pipeline/")
    summary = page.context["projects"][0].summary
    assert works in summary["late"]
    assert summary["leasable_m2"] == Decimal("16") and summary["offices"] == 1

    response = client.post(
        "/federation/pipeline/NEW/milestones/works/",
        {"planned_on": "2025-03-31", "status": "done", "actual_on": ""},
    )
    assert response.status_code == 200
    assert "Give the date it was done" in response.content.decode()


def test_an_open_site_cannot_enter_the_pipeline(fed):
    with pytest.raises(DomainError):
        project_create(
            site=fed.site,
            planned_opening_on=dt.date(2027, 1, 1),
            budget_mad=Decimal(1),
            milestones={},
            checklist=[],
            spaces=[],
        )


@pytest.mark.parametrize(
    ("lang", "text"),
    [("fr", "Fès-Meknès"), ("ar", "فاس مكناس"), ("en", "Fez-Meknes")],
)
def test_pipeline_pages_in_three_languages(fed, lang, text):
    client = login(fed.admin)
    client.cookies["technopark_language"] = lang
    for path in ("/federation/pipeline/", "/federation/pipeline/NEW/"):
        response = client.get(path)
        assert response.status_code == 200
        body = response.content.decode()
        assert f'lang="{lang}"' in body
        assert text in body


def test_moving_the_opening_moves_the_site_planned_opening(fed):
    opening = fed.project.milestones.get(kind="opening")
    milestone_update(
        milestone=opening,
        planned_on=dt.date(2028, 1, 10),
        status="not_started",
        actual_on=None,
        by=fed.admin,
    )
    fed.project.refresh_from_db()
    assert fed.project.planned_opening_on == dt.date(2028, 1, 10)
    assert Site.objects.get(code="NEW").planned_opening == "2028-01-10"


@pytest.mark.parametrize(
    "spaces",
    [
        [{"code": "A", "kind": "office", "area_m2": 0}],
        [{"code": "A", "kind": "castle", "area_m2": 10}],
        [
            {"code": "A", "kind": "office", "area_m2": 10},
            {"code": "A", "kind": "lab", "area_m2": 5},
        ],
    ],
)
def test_a_bad_space_plan_is_refused_whole(fed, spaces):
    site = Site.objects.create(code="OUJ", name="Oujda", city="Oujda", region_id="MA-02")
    with pytest.raises(DomainError):
        project_create(
            site=site,
            planned_opening_on=dt.date(2027, 1, 1),
            budget_mad=Decimal(1),
            milestones={},
            checklist=["Permis"],
            spaces=spaces,
        )
    assert not SiteProject.objects.filter(site=site).exists()


def test_daily_job_reports_late_milestones_and_forgets_stale_uploads(fed, settings, tmp_path):
    import os

    from technopark.federation.tasks import daily

    settings.MEDIA_ROOT = tmp_path
    folder = tmp_path / "partner-uploads"
    folder.mkdir()
    old, fresh = folder / "1-old.zip", folder / "1-new.zip"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(old, (0, 0))
    first = daily(dt.date(2027, 8, 1))
    assert first == "1 stale uploads removed; late milestones: none"
    line = daily(dt.date(2027, 10, 1))  # all planned on 01/09/2027 in the fixture
    assert line.startswith("0 stale uploads removed")
    assert "NEW works" in line and "NEW opening" in line
    assert not old.exists() and fresh.exists()
