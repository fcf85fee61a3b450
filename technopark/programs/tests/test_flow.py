"""A call from publication to committee decision, through HTTP, and the services' rules."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from technopark.accounts.models import User
from technopark.core.errors import DomainError
from technopark.house.testing import ProgramFactory, UserFactory
from technopark.programs import services
from technopark.programs.models import Application, Call, Enrollment, Plan, Program
from technopark.programs.selectors import plan_alerts, ranking
from technopark.programs.tests.fixtures import PDF, make_application, make_call, make_plan
from technopark.startups.models import Membership

pytestmark = pytest.mark.django_db


def test_officer_runs_a_call_and_an_outsider_applies_and_is_admitted(
    cast, django_capture_on_commit_callbacks
):
    officer = cast.client("officer")
    program = ProgramFactory()
    today = timezone.localdate()
    r = officer.post(
        "/programs/calls/new/",
        {
            "program": program.pk,
            "site": cast.site.pk,
            "title": "Incubation printemps",
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=30)).isoformat(),
            "max_company_age_years": "3",
        },
    )
    call = Call.objects.get(title="Incubation printemps")
    assert r.status_code == 302 and r["Location"] == f"/programs/calls/{call.pk}/edit/"
    edit = f"/programs/calls/{call.pk}/edit/"
    officer.post(
        edit,
        {
            "action": "add-question",
            "question-label": "Chiffre d'affaires 2025 (MAD)",
            "question-kind": "number",
            "question-required": "on",
        },
    )
    officer.post(
        edit, {"action": "add-document", "document-label": "Pitch deck", "document-required": "on"}
    )
    officer.post(
        edit, {"action": "add-criterion", "criterion-label": "Équipe", "criterion-weight": "3"}
    )
    officer.post(
        edit, {"action": "add-criterion", "criterion-label": "Marché", "criterion-weight": "1"}
    )
    assert Client().get(f"/programs/calls/{call.pk}/").status_code == 404  # still a draft
    officer.post(edit, {"action": "publish"})
    call.refresh_from_db()
    assert call.is_published
    assert "Incubation printemps" in Client().get("/programs/calls/").content.decode()

    # An outsider applies without an account: a link to their address first.
    visitor = Client()
    with django_capture_on_commit_callbacks(execute=True):
        r = visitor.post(
            f"/programs/calls/{call.pk}/apply/",
            {
                "full_name": "Salma Kettani",
                "email": "salma@startup.ma",
                "language": "en",
                "project_name": "Dattes.ma",
            },
        )
    assert "Check your e-mail" in r.content.decode()
    assert not Application.objects.filter(call=call).exists()
    link = re.search(r"https?://\S+/programs/calls/\d+/apply/\S+/", mail.outbox[-1].body)
    with django_capture_on_commit_callbacks(execute=True):
        r = visitor.post(
            "/" + link.group(0).split("/", 3)[3],
            {"full_name": "Salma Kettani", "language": "en", "project_name": "Dattes.ma"},
        )
    application = Application.objects.get(call=call)
    assert r["Location"] == f"/programs/applications/{application.pk}/"
    assert (
        mail.outbox[-1].to == ["salma@startup.ma"]
        and "/accounts/password/reset/key/" in mail.outbox[-1].body
    )
    page = f"/programs/applications/{application.pk}/"
    question = call.questions.get()
    document = call.documents.get()
    # Submitting an incomplete application changes nothing and says what is missing.
    r = visitor.post(page, {"project_name": "Dattes.ma", "action": "submit"})
    assert "Upload the document" in r.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    # A file that is not a PDF is refused.
    r = visitor.post(
        page,
        {
            "project_name": "Dattes.ma",
            f"doc_{document.pk}": SimpleUploadedFile("x.pdf", b"MZ\x90 not a pdf"),
            "action": "save",
        },
    )
    assert "is not a PDF, JPEG or PNG" in r.content.decode()
    # Too old a company is not eligible.
    r = visitor.post(
        page,
        {
            "project_name": "Dattes.ma",
            "summary": "Export de dattes",
            f"q_{question.pk}": "120000",
            "founded_on": "2015-01-01",
            f"doc_{document.pk}": SimpleUploadedFile("deck.pdf", PDF),
            "action": "submit",
        },
    )
    assert "at most 3 years old" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = visitor.post(
            page,
            {
                "project_name": "Dattes.ma",
                "summary": "Export de dattes",
                f"q_{question.pk}": "120 000",
                "founded_on": (today - dt.timedelta(days=400)).isoformat(),
                "team": "Youssef Kettani, youssef@startup.ma",
                "action": "submit",
            },
        )
    assert r.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.answers.get().value == "120000"
    assert "Application received" in mail.outbox[-1].subject
    assert (
        visitor.get(
            f"/programs/applications/{application.pk}/documents/{application.documents.get().pk}/"
        ).status_code
        == 200
    )

    # Two reviewers; each scores blind.
    manage = f"/programs/applications/{application.pk}/manage/"
    officer.post(manage, {"action": "assign", "reviewer": cast.expert.pk})
    officer.post(manage, {"action": "assign", "reviewer": cast.officer.pk})
    assert application.assignments.count() == 2
    criteria = list(call.criteria.all())
    expert = cast.client("expert")
    # Each reviewer first declares on conflicts of interest (here: none).
    conflict = f"/programs/applications/{application.pk}/conflict/"
    assert expert.get(f"/programs/applications/{application.pk}/").url == conflict
    expert.post(conflict, {"has_conflict": "no"})
    officer.post(conflict, {"has_conflict": "no"})
    expert.post(
        f"/programs/applications/{application.pk}/review/",
        {f"c_{criteria[0].pk}": "5", f"c_{criteria[1].pk}": "4", "action": "submit"},
    )
    r = officer.get(page)
    assert "data-scores-hidden" in r.content.decode()  # the officer has not submitted yet
    officer.post(
        f"/programs/applications/{application.pk}/review/",
        {f"c_{criteria[0].pk}": "2", f"c_{criteria[1].pk}": "4", "action": "submit"},
    )
    assert "data-scores-hidden" not in officer.get(page).content.decode()
    row = ranking(call)[0]
    assert row.score == pytest.approx((5 * 3 + 4 + 2 * 3 + 4) / 4 / 2, abs=0.01)
    assert row.spread_criteria == ["Équipe"]
    assert "⚑" in officer.get(f"/programs/calls/{call.pk}/ranking/").content.decode()

    officer.post(manage, {"action": "interview", "at": "2026-12-01T10:00", "notes": "Bonne équipe"})
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(
            manage, {"action": "decide", "decision": "admitted", "start_on": today.isoformat()}
        )
    application.refresh_from_db()
    assert application.status == "admitted"
    assert mail.outbox[-1].subject.startswith("Decision on your application")  # in English
    startup = application.startup
    enrollment = Enrollment.objects.get(startup=startup)
    assert (enrollment.program, enrollment.site) == (program, cast.site)
    assert set(
        Membership.objects.filter(startup=startup).values_list("user__email", flat=True)
    ) == {"salma@startup.ma", "youssef@startup.ma"}
    assert Plan.objects.get(startup=startup).officer == cast.officer
    assert "Welcome!" in visitor.get(page).content.decode()


def test_an_existing_account_is_sent_to_sign_in_and_the_visitor_told_nothing(
    cast, django_capture_on_commit_callbacks
):
    call = make_call(cast)
    with django_capture_on_commit_callbacks(execute=True):
        r = Client().post(
            f"/programs/calls/{call.pk}/apply/",
            {"full_name": "X", "email": "OWNER@example.ma", "language": "fr", "project_name": "P"},
        )
    assert "Check your e-mail" in r.content.decode()
    assert not Application.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["owner@example.ma"]
    assert "sign in to continue" in message.body
    assert f"/accounts/login/?next=%2Fprograms%2Fcalls%2F{call.pk}%2Fapply%2F" in message.body


def test_closed_call_refuses_applications(cast):
    call = make_call(cast)
    Call.objects.filter(pk=call.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    call.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services.application_start(call=call, user=cast.owner)
    assert exc.value.code == "call_closed"


def test_a_reviewer_sees_only_the_applications_assigned_to_them(cast):
    application = make_application(cast)
    other_expert = UserFactory(email="expert2@example.ma")
    other_expert.roles.create(kind="expert")
    assert cast.client("expert").get(f"/programs/applications/{application.pk}/").status_code == 200
    assert Client().get("/").status_code == 200
    c = Client()
    c.force_login(other_expert)
    assert c.get(f"/programs/applications/{application.pk}/").status_code == 404


def test_submitted_review_is_final_and_scores_are_1_to_5(cast):
    application = make_application(cast)
    assignment = application.assignments.get()
    criteria = list(application.call.criteria.all())
    with pytest.raises(DomainError):
        services.review_save(
            assignment=assignment, scores={criteria[0].pk: 6}, submit=False, by=cast.expert
        )
    with pytest.raises(DomainError) as exc:
        services.review_save(
            assignment=assignment, scores={criteria[0].pk: 3}, submit=True, by=cast.expert
        )
    assert exc.value.code == "incomplete"
    services.review_save(
        assignment=assignment, scores={c.pk: 3 for c in criteria}, submit=True, by=cast.expert
    )
    with pytest.raises(DomainError):
        services.review_save(
            assignment=assignment, scores={criteria[0].pk: 5}, submit=False, by=cast.expert
        )


def test_form_is_locked_once_people_apply(cast):
    application = make_application(cast)
    with pytest.raises(DomainError):
        services.question_add(call=application.call, label="Q", kind="short", by=cast.officer)


def test_declined_applicants_stay_on_record(cast):
    application = make_application(cast)
    services.application_decide(
        application=application,
        decision="declined",
        override_reason="Hors du périmètre du programme",
        by=cast.officer,
    )
    application.refresh_from_db()
    assert application.status == "declined" and application.startup is None
    with pytest.raises(DomainError):
        services.application_decide(
            application=application, decision="admitted", override_reason="Recours", by=cast.officer
        )


def test_enrollment_advance_and_exit(cast):
    incubation = cast.own.enrollments.get()
    acceleration = Program.objects.create(code="ACC", name="Accélération", kind="acceleration")
    pre = Program.objects.create(code="PRE", name="Pré-incubation", kind="pre_incubation")
    with pytest.raises(DomainError):
        services.enrollment_advance(
            enrollment=incubation, program=pre, on=dt.date(2023, 1, 1), by=cast.officer
        )
    following = services.enrollment_advance(
        enrollment=incubation, program=acceleration, on=dt.date(2023, 1, 1), by=cast.officer
    )
    incubation.refresh_from_db()
    assert incubation.outcome == "graduated" and incubation.ended_on == dt.date(2023, 1, 1)
    assert following.site == incubation.site and following.ended_on is None
    with pytest.raises(DomainError):
        services.enrollment_exit(
            enrollment=following, outcome="discontinued", on=dt.date(2024, 1, 1), by=cast.officer
        )
    services.enrollment_exit(
        enrollment=following,
        outcome="discontinued",
        reason="Pivot",
        on=dt.date(2024, 1, 1),
        by=cast.officer,
    )
    following.refresh_from_db()
    assert following.exit_reason == "Pivot"


def test_plan_alerts_and_the_startup_view(cast):
    plan = make_plan(cast)
    today = timezone.localdate()
    services.milestone_add(
        plan=plan, title="MVP", due_on=today - dt.timedelta(days=3), by=cast.officer
    )
    alerts = plan_alerts(Plan.objects.all(), today)
    assert [m.title for m in alerts.late] == ["MVP"]
    assert [p for p, _ in alerts.silent] == [plan]  # enrolled in 2021, never seen
    services.session_log(
        plan=plan, held_on=today, minutes=60, topics="Go-to-market", by=cast.officer
    )
    assert plan_alerts(Plan.objects.all(), today).silent == []
    assert "MVP" in cast.client("officer").get("/programs/plans/alerts/").content.decode()
    r = cast.client("owner").get(f"/programs/plans/{plan.pk}/")
    assert "Go-to-market" in r.content.decode() and "Log the session" not in r.content.decode()
    assert cast.client("other_member").get(f"/programs/plans/{plan.pk}/").status_code == 404
    from technopark.programs.daily import daily

    plan.officer = cast.officer
    plan.save()
    assert daily(today).startswith("1 officer")


def test_partner_program_is_run_by_the_partner_only(cast):
    from technopark.network.models import Operator

    partner = Operator.objects.create(name="UM6P Incubator", slug="um6p", kind="university")
    program = Program.objects.create(
        code="UM6P", name="UM6P Start", kind="incubation", operator=partner, direct=False
    )
    call = services.call_create(
        program=program,
        site=cast.site,
        title="UM6P call",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
        by=cast.admin,
    )
    staff = User.objects.create_user(email="staff@um6p.ma")
    staff.roles.create(kind="partner_officer", operator=partner)
    c = Client()
    c.force_login(staff)
    assert c.get(f"/programs/calls/{call.pk}/edit/").status_code == 200
    assert cast.client("officer").get(f"/programs/calls/{call.pk}/edit/").status_code == 404


def test_api_lists_open_calls_only(cast):
    make_call(cast)
    make_call(cast, published=False, title="Brouillon")
    data = Client().get("/api/v1/calls").json()
    assert [c["title"] for c in data["items"]] == ["Incubation 2026 — Site A"]
    assert data["items"][0]["site"] == "SA"


def test_ranking_query_count_does_not_grow(cast, django_assert_max_num_queries):
    call = make_call(cast)
    for i in range(6):
        user = UserFactory(email=f"c{i}@example.ma")
        Application.objects.create(
            call=call, applicant=user, project_name=f"P{i}", status="submitted"
        )
    with django_assert_max_num_queries(4):
        rows = ranking(call)
    assert len(rows) == 6


def test_draft_autosaves_with_htmx(cast):
    call = make_call(cast)
    application, _user, _created = services.application_start(call=call, user=cast.owner)
    question = call.questions.get(kind="long")
    r = cast.client("owner").post(
        f"/programs/applications/{application.pk}/",
        {"project_name": "Own", f"q_{question.pk}": "Les PME du Maroc"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and "Draft saved at" in r.content.decode()
    assert application.answers.get(question=question).value == "Les PME du Maroc"
    r = cast.client("owner").post(
        f"/programs/applications/{application.pk}/",
        {"project_name": "Own", "ice": "123"},
        HTTP_HX_REQUEST="true",
    )
    assert "text-danger" in r.content.decode() and "15" in r.content.decode()
    application.refresh_from_db()
    assert application.ice == ""


def test_partner_staff_alone_see_their_programs_applications_and_plans(cast):
    from technopark.network.models import Operator

    partner = Operator.objects.create(name="UH2C", slug="uh2c", kind="university")
    program = Program.objects.create(
        code="UH2C", name="Incubateur UH2C", kind="incubation", operator=partner, direct=False
    )
    call = Call.objects.create(
        program=program,
        site=cast.site,
        title="UH2C 2026",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
        published_at=timezone.now(),
    )
    applicant = UserFactory(email="x@um.ma")
    application = Application.objects.create(
        call=call, applicant=applicant, project_name="P", status="submitted"
    )
    enrollment = Enrollment.objects.create(
        startup=cast.other, program=program, site=cast.site, started_on=dt.date(2025, 1, 1)
    )
    plan = services.plan_for(enrollment=enrollment)
    staff = User.objects.create_user(email="staff@uh2c.ma")
    staff.roles.create(kind="partner_officer", operator=partner)
    c = Client()
    c.force_login(staff)
    assert c.get(f"/programs/applications/{application.pk}/").status_code == 200
    assert c.get(f"/programs/plans/{plan.pk}/").status_code == 200
    # The network's officer and manager of the site do not run the partner's program.
    for who in ("officer", "site_manager"):
        assert cast.client(who).get(f"/programs/applications/{application.pk}/").status_code == 404
        assert cast.client(who).get(f"/programs/plans/{plan.pk}/").status_code == 404
    assert cast.client("admin").get(f"/programs/plans/{plan.pk}/").status_code == 200


def test_a_partner_moves_its_startup_only_into_a_program_it_runs(cast):
    """Partner staff advance their own startup along their own path, never into the
    network's acceleration or another partner's program."""
    from technopark.programs.services.plans import plan_for

    cast.partner_officer  # noqa: B018 (makes the partners, ALPHA-1 in alpha's incubation)
    enrollment = Enrollment.objects.get(startup__ref="ALPHA-1")
    plan = plan_for(enrollment=enrollment)
    network_acc = Program.objects.create(code="ACC", name="Accélération", kind="acceleration")
    alpha_acc = Program.objects.create(
        code="ALPHA-ACC",
        name="Alpha accélération",
        kind="acceleration",
        operator=cast.partner,
        direct=False,
    )
    client = cast.client("partner_officer")
    page = client.get(f"/programs/plans/{plan.pk}/")
    choices = page.context["advance_form"].fields["program"].queryset
    assert list(choices) == [alpha_acc]
    client.post(
        f"/programs/plans/{plan.pk}/",
        {"action": "advance", "program": network_acc.pk, "on": "2023-01-01"},
    )
    assert not Enrollment.objects.filter(startup__ref="ALPHA-1", program=network_acc).exists()
    enrollment.refresh_from_db()
    assert enrollment.ended_on is None
    client.post(
        f"/programs/plans/{plan.pk}/",
        {"action": "advance", "program": alpha_acc.pk, "on": "2023-01-01"},
    )
    assert Enrollment.objects.filter(startup__ref="ALPHA-1", program=alpha_acc).exists()
