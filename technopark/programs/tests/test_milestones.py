"""Milestone templates applied to plans and cohorts; the founder marks a milestone with its
evidence, the officer validates it or sends it back; both are told; the API does the same."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from technopark.core.errors import DomainError
from technopark.core.models import Action
from technopark.house.testing import EnrollmentFactory, StartupFactory
from technopark.notifications.models import Notification
from technopark.programs.models import Milestone, MilestoneTemplate, Plan
from technopark.programs.selectors import plan_alerts
from technopark.programs.services import plans as services
from technopark.programs.tests.fixtures import PDF, make_plan

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _templates(program):
    first = MilestoneTemplate.objects.create(
        program=program,
        title="Premier client signé",
        title_ar="توقيع أول عميل",
        title_en="First customer signed",
        evidence="Le bon de commande",
        offset_days=30,
        duration_days=60,
    )
    second = MilestoneTemplate.objects.create(
        program=program, title="MVP livré", offset_days=0, duration_days=90
    )
    return first, second


def _milestone(cast) -> Milestone:
    plan = make_plan(cast)
    plan.officer = cast.officer
    plan.save()
    return Milestone.objects.create(
        plan=plan, title="MVP", due_on=timezone.localdate() + dt.timedelta(days=10)
    )


def test_templates_applied_to_a_cohort_are_dated_from_each_start_and_never_twice(cast):
    enrollment = cast.own.enrollments.get()
    program = enrollment.program
    later = EnrollmentFactory(
        startup=StartupFactory(ref="LATE-1"),
        program=program,
        site=cast.site,
        started_on=dt.date(2022, 3, 1),
    )
    EnrollmentFactory(  # another site's cohort: not applied when the site is chosen
        startup=StartupFactory(ref="ELSE-1"),
        program=program,
        site=cast.other_site,
        started_on=dt.date(2022, 3, 1),
    )
    first, second = _templates(program)
    cohort = list(program.enrollments.filter(site=cast.site, ended_on__isnull=True))
    made = services.milestone_templates_apply(program=program, enrollments=cohort, by=cast.officer)
    assert made == 4
    own = Milestone.objects.get(plan__startup=cast.own, template=first)
    assert (own.starts_on, own.due_on) == (dt.date(2021, 1, 31), dt.date(2021, 4, 1))
    theirs = Milestone.objects.get(plan__enrollment=later, template=first)
    assert theirs.due_on == dt.date(2022, 3, 1) + dt.timedelta(days=90)
    # Applied again (to the cohort, then to one plan): nothing is added.
    assert services.milestone_templates_apply(program=program, enrollments=cohort, by=None) == 0
    assert (
        services.milestone_templates_apply(program=program, enrollments=[enrollment], by=None) == 0
    )
    assert Milestone.objects.filter(plan__startup=cast.own).count() == 2
    assert not Plan.objects.filter(startup__ref="ELSE-1").exists()


def test_the_officer_manages_templates_and_applies_them_to_the_cohort_from_the_page(cast):
    program = cast.own.enrollments.get().program
    officer = cast.client("officer")
    url = f"/programs/plans/templates/{program.pk}/"
    assert program.name in officer.get("/programs/plans/templates/").content.decode()
    r = officer.post(
        url,
        {
            "action": "save",
            "title": "Dossier Innov Start déposé",
            "title_ar": "إيداع ملف إنوف ستارت",
            "offset_days": "10",
            "duration_days": "20",
        },
    )
    assert r.status_code == 302
    template = program.milestone_templates.get()
    assert template.title_ar == "إيداع ملف إنوف ستارت"
    refused = officer.post(url, {"action": "save", "title": "", "duration_days": "0"})
    assert refused.status_code == 200 and program.milestone_templates.count() == 1
    officer.post(url, {"action": "apply", "site": str(cast.site.pk)})
    officer.post(url, {"action": "apply", "site": str(cast.site.pk)})
    assert Milestone.objects.filter(template=template).count() == 1
    # Another site's cohort is not the officer's to touch.
    officer.post(url, {"action": "apply", "site": str(cast.other_site.pk)})
    assert Milestone.objects.filter(template=template).count() == 1
    # A founder may not reach the page.
    assert cast.client("owner").get(url).status_code == 404


def test_the_founder_marks_done_with_a_file_and_the_officer_validates(
    cast, django_capture_on_commit_callbacks
):
    milestone = _milestone(cast)
    cast.officer.language = "en"
    cast.officer.save()
    owner = cast.client("owner")
    r = owner.post(
        f"/programs/plans/{milestone.plan_id}/",
        {
            "action": "milestone-submit",
            "id": milestone.pk,
            "status": "done",
            "comment": "Livré au client pilote",
            "file": SimpleUploadedFile("recette.pdf", PDF),
        },
    )
    assert r.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.comment) == ("done", "Livré au client pilote")
    assert milestone.evidence_name == "recette.pdf"
    assert Action.objects.filter(name="milestone.submitted").count() == 1
    assert Notification.objects.filter(
        user=cast.officer, kind="programs.milestone_submitted"
    ).exists()
    # The evidence is served as an attachment to those who see the plan, to nobody else.
    got = cast.client("officer").get(f"/programs/milestones/{milestone.pk}/evidence/")
    assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment")
    assert b"".join(got.streaming_content) == PDF
    assert (
        cast.client("other_member").get(f"/programs/milestones/{milestone.pk}/evidence/")
    ).status_code == 404
    # Still late-listed for the officer until validated, once its due date has passed.
    Milestone.objects.filter(pk=milestone.pk).update(due_on=dt.date(2022, 1, 1))
    assert milestone in plan_alerts(Plan.objects.all(), timezone.localdate()).late
    r = cast.client("officer").post(
        f"/programs/plans/{milestone.plan_id}/",
        {"action": "milestone-review", "id": milestone.pk, "decision": "validate"},
    )
    milestone.refresh_from_db()
    assert milestone.status == "validated" and milestone.reviewed_by == cast.officer
    assert milestone not in plan_alerts(Plan.objects.all(), timezone.localdate()).late
    assert Notification.objects.filter(
        user=cast.owner, kind="programs.milestone_validated"
    ).exists()
    assert Action.objects.filter(name="milestone.validated").count() == 1
    # Validated, it is closed to the startup.
    with pytest.raises(DomainError):
        services.milestone_submit(milestone=milestone, status="in_progress", by=cast.owner)


def test_sent_back_with_a_comment_the_founder_is_told_in_their_language(cast):
    enrollment = cast.own.enrollments.get()
    first, _ = _templates(enrollment.program)
    services.milestone_templates_apply(
        program=enrollment.program, enrollments=[enrollment], by=None
    )
    milestone = Milestone.objects.get(template=first)
    plan = milestone.plan
    plan.officer = cast.officer
    plan.save()
    cast.owner.language = "ar"
    cast.owner.save()
    services.milestone_submit(
        milestone=milestone, status="done", link="https://drive.example.ma/bc.pdf", by=cast.owner
    )
    with pytest.raises(DomainError) as error:  # sending back needs a comment
        services.milestone_review(milestone=milestone, validate=False, by=cast.officer)
    assert error.value.field == "comment"
    services.milestone_review(
        milestone=milestone,
        validate=False,
        comment="Le bon de commande n'est pas signé.",
        by=cast.officer,
    )
    milestone.refresh_from_db()
    assert milestone.status == "sent_back" and milestone.done_on is None
    note = Notification.objects.get(user=cast.owner, kind="programs.milestone_sent_back")
    assert "توقيع أول عميل" in note.title  # the template's Arabic title
    assert "n'est pas signé" in note.body
    assert Action.objects.filter(name="milestone.sent_back").count() == 1
    page = cast.client("owner").get(f"/programs/plans/{plan.pk}/").content.decode()
    assert "n&#x27;est pas signé" in page and "Update this milestone" in page


def test_permission_matrix_of_a_milestone(cast):
    milestone = _milestone(cast)
    url = f"/programs/plans/{milestone.plan_id}/"
    submit = {"action": "milestone-submit", "id": milestone.pk, "status": "in_progress"}
    review = {"action": "milestone-review", "id": milestone.pk, "decision": "validate"}
    # Another startup's founder sees nothing of it; the officer does not mark it for them.
    assert cast.client("other_member").post(url, submit).status_code == 404
    assert cast.client("officer").post(url, submit).status_code == 403
    milestone.refresh_from_db()
    assert milestone.status == "planned"
    assert cast.client("colleague").post(url, submit).status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "in_progress"
    # The startup's team never validates its own milestone, even through the service.
    assert cast.client("owner").post(url, review).status_code == 403
    with pytest.raises(DomainError):
        services.milestone_review(milestone=milestone, validate=True, by=cast.owner)
    with pytest.raises(DomainError):
        services.milestone_submit(milestone=milestone, status="done", by=cast.other_member)
    milestone.refresh_from_db()
    assert milestone.status == "in_progress"
    assert cast.client("other_member").post(url, review).status_code == 404


def test_an_executable_renamed_pdf_is_refused_and_nothing_changes(cast):
    milestone = _milestone(cast)
    r = cast.client("owner").post(
        f"/programs/plans/{milestone.plan_id}/",
        {
            "action": "milestone-submit",
            "id": milestone.pk,
            "status": "done",
            "file": SimpleUploadedFile("preuve.pdf", EXE),
        },
        follow=True,
    )
    assert "not accepted" in r.content.decode()
    milestone.refresh_from_db()
    assert milestone.status == "planned" and not milestone.evidence_file
    with pytest.raises(DomainError) as error:  # done without any evidence
        services.milestone_submit(milestone=milestone, status="done", by=cast.owner)
    assert error.value.field == "file"
    with pytest.raises(DomainError):
        services.milestone_submit(
            milestone=milestone, status="done", link="javascript:alert(1)", by=cast.owner
        )
    assert not Action.objects.filter(name="milestone.submitted").exists()


def test_the_api_lets_the_founder_submit_and_the_officer_validate(cast):
    from django.test import Client

    from technopark.accounts.services import token_create

    milestone = _milestone(cast)
    _, founder_key = token_create(user=cast.owner, name="app")
    _, officer_key = token_create(user=cast.officer, name="app")
    _, other_key = token_create(user=cast.other_member, name="app")

    def post(key, path, body):
        return Client().post(
            f"/api/v1/milestones/{milestone.pk}/{path}",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )

    bad = {"status": "done", "file_name": "x.pdf", "file_base64": base64.b64encode(EXE).decode()}
    assert post(founder_key, "progress", bad).status_code == 400
    good = {"status": "done", "file_name": "pv.pdf", "file_base64": base64.b64encode(PDF).decode()}
    assert post(other_key, "progress", good).status_code == 404
    assert post(officer_key, "progress", good).status_code == 403
    r = post(founder_key, "progress", good)
    assert r.status_code == 200 and r.json()["status"] == "done" and r.json()["evidence_file"]
    assert post(founder_key, "review", {"decision": "validate"}).status_code == 403
    assert post(officer_key, "review", {"decision": "maybe"}).status_code == 400
    r = post(officer_key, "review", {"decision": "validate", "comment": "Bravo"})
    assert r.status_code == 200 and r.json()["status"] == "validated"
