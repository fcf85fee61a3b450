"""Programs pages: calls are public; applications are seen by their applicant, the staff who run
the call and the reviewers assigned; a plan by its startup and the staff who run its program."""

from django.core import signing
from django.utils import timezone

from technopark.core.matrix import Case, everyone, with_roles
from technopark.programs.models import Application, Program
from technopark.programs.services.applications import APPLY_CONFIRM_SALT
from technopark.programs.services.review import snapshot
from technopark.programs.tests.fixtures import make_application, make_call, make_plan

STAFF_OF_A = {"officer": 200, "site_manager": 200, "admin": 200}
NOT_STAFF = {"owner": 403, "colleague": 403, "other_member": 403, "expert": 403}


def _milestone_id(c) -> int:
    from technopark.programs.models import Milestone

    plan = make_plan(c)
    milestone = plan.milestones.first() or Milestone.objects.create(
        plan=plan, title="MVP", due_on="2030-01-01"
    )
    return milestone.pk


def _app(c):
    return make_application(c)


def _apply_link(c):
    """The link of the e-mail an outsider gets from the application form."""
    call = make_call(c)
    token = signing.dumps([call.pk, "new@example.org", "en"], salt=APPLY_CONFIRM_SALT)
    return f"/programs/calls/{call.pk}/apply/{token}/"


def _doc_path(c):
    application = make_application(c)
    return f"/programs/applications/{application.pk}/documents/{application.documents.first().pk}/"


CASES = [
    Case("programs:list", lambda c: "/programs/", everyone(200)),
    Case("programs:detail", lambda c: f"/programs/{Program.objects.first().code}/", everyone(200)),
    Case("programs:calls", lambda c: "/programs/calls/", everyone(200)),
    Case("programs:call", lambda c: f"/programs/calls/{make_call(c).pk}/", everyone(200)),
    Case(
        "programs:call",
        lambda c: f"/programs/calls/{make_call(c, published=False, title='Draft').pk}/",
        {**STAFF_OF_A},
        default=404,
        id="draft call",
    ),
    Case(
        "programs:call_create",
        lambda c: "/programs/calls/new/",
        {**STAFF_OF_A, **NOT_STAFF, "other_site_staff": 200, "anonymous": 302},
    ),
    Case(
        "programs:call_edit",
        lambda c: f"/programs/calls/{make_call(c).pk}/edit/",
        {**STAFF_OF_A, **NOT_STAFF, "other_site_staff": 403, "anonymous": 302},
    ),
    Case(
        "programs:call_ranking",
        lambda c: f"/programs/calls/{make_call(c).pk}/ranking/",
        {**STAFF_OF_A, **NOT_STAFF, "other_site_staff": 403, "anonymous": 302},
    ),
    Case("programs:apply", lambda c: f"/programs/calls/{make_call(c).pk}/apply/", everyone(200)),
    Case("programs:apply_confirm", _apply_link, everyone(302, anonymous=200)),
    Case(
        "programs:applications", lambda c: "/programs/applications/", everyone(200, anonymous=302)
    ),
    Case(
        "programs:application",
        lambda c: f"/programs/applications/{_app(c).pk}/",
        {**STAFF_OF_A, "expert": 200, "anonymous": 302},
        default=404,
    ),
    Case(
        "programs:application_document",
        _doc_path,
        {**STAFF_OF_A, "expert": 200, "anonymous": 302},
        default=404,
    ),
    Case(
        "programs:review",
        lambda c: f"/programs/applications/{_app(c).pk}/review/",
        {"expert": 200, "officer": 403, "site_manager": 403, "admin": 403, "anonymous": 302},
        default=404,
    ),
    Case(
        "programs:application_manage",
        lambda c: f"/programs/applications/{_app(c).pk}/manage/",
        {"officer": 302, "site_manager": 302, "admin": 302, "expert": 403, "anonymous": 302},
        default=404,
        method="post",
        data=lambda c: {"action": "noop"},
    ),
    Case(
        "programs:plans",
        lambda c: "/programs/plans/",
        {**STAFF_OF_A, **NOT_STAFF, "other_site_staff": 200, "anonymous": 302},
    ),
    Case(
        "programs:alerts",
        lambda c: "/programs/plans/alerts/",
        {**STAFF_OF_A, **NOT_STAFF, "other_site_staff": 200, "anonymous": 302},
    ),
    Case(
        "programs:plan",
        lambda c: f"/programs/plans/{make_plan(c).pk}/",
        {**STAFF_OF_A, "owner": 200, "colleague": 200, "anonymous": 302},
        default=404,
    ),
    Case(
        "programs:plan",
        lambda c: f"/programs/plans/{make_plan(c).pk}/",
        {
            "officer": 302,
            "site_manager": 302,
            "admin": 302,
            "owner": 403,
            "colleague": 403,
            "anonymous": 302,
        },
        default=404,
        method="post",
        data=lambda c: {"action": "milestone", "title": "MVP", "due_on": "2030-01-01"},
        id="plan change",
    ),
    Case("api:GET /api/v1/programs", lambda c: "/api/v1/programs", everyone(200)),
    Case(
        "api:GET /api/v1/calls",
        lambda c: "/api/v1/calls",
        everyone(200),
        setup=lambda c: make_call(c),
    ),
    Case(
        "api:GET /api/v1/programs/{code}",
        lambda c: f"/api/v1/programs/{Program.objects.first().code}",
        everyone(200),
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET programs:list": (200, 200, 200),
    "GET programs:detail": (200, 200, 200),
    "GET programs:calls": (200, 200, 200),
    "GET programs:call": (200, 200, 200),
    "GET programs:call [draft call]": (404, 404, 404),
    "GET programs:call_create": (403, 200, 200),
    "GET programs:call_edit": (403, 403, 403),
    "GET programs:call_ranking": (403, 403, 403),
    "GET programs:apply": (200, 200, 200),
    "GET programs:apply_confirm": (302, 302, 302),
    "GET programs:applications": (200, 200, 200),
    "GET programs:application": (404, 404, 404),
    "GET programs:application_document": (404, 404, 404),
    "GET programs:review": (404, 404, 404),
    "POST programs:application_manage": (404, 404, 404),
    "GET programs:plans": (403, 200, 200),
    "GET programs:alerts": (403, 200, 200),
    "GET programs:plan": (404, 404, 404),
    "POST programs:plan [plan change]": (404, 404, 404),
    "GET api:GET /api/v1/programs": (200, 200, 200),
    "GET api:GET /api/v1/calls": (200, 200, 200),
    "GET api:GET /api/v1/programs/{code}": (200, 200, 200),
}
CASES = with_roles(CASES, OTHER_ROLES)

# The API: enrollments and plans listed to everyone (what each may see); a milestone is
# added by those who may change the plan, a 403 to its startup, a 404 to everyone else.
CASES += [
    Case(
        "api:GET /api/v1/enrollments",
        lambda c: "/api/v1/enrollments",
        everyone(200),
    ),
    Case("api:GET /api/v1/plans", lambda c: (make_plan(c), "/api/v1/plans")[1], everyone(200)),
    Case(
        "api:POST /api/v1/plans/{plan_id}/milestones",
        lambda c: f"/api/v1/plans/{make_plan(c).pk}/milestones",
        {
            "officer": 201,
            "site_manager": 201,
            "admin": 201,
            "owner": 403,
            "colleague": 403,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {"title": "MVP", "due_on": "2030-01-01"},
    ),
    Case(
        "api:POST /api/v1/milestones/{milestone_id}/status",
        lambda c: f"/api/v1/milestones/{_milestone_id(c)}/status",
        {
            "officer": 200,
            "site_manager": 200,
            "admin": 200,
            "owner": 403,
            "colleague": 403,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {"status": "done", "on": "2026-10-01"},
    ),
]

# The selection committee (issue 25): the conflict declaration (the fixture's expert has
# declared already: sent on to the application), the applicant's completion page, the
# decision letter (none until decided; once declined, a PDF for the staff and the applicant),
# each version's documents (the staff who run the call), the call's letters and bulk
# decisions, and the applications API (a decision with the expert's review missing: 409).
CALL_STAFF = {
    **STAFF_OF_A,
    **NOT_STAFF,
    "other_site_staff": 403,
    "anonymous": 302,
    "desk_agent": 403,
    "partner_admin": 403,
    "partner_officer": 403,
}
VIEWERS_REFUSED = {
    "officer": 403,
    "site_manager": 403,
    "admin": 403,
    "expert": 403,
    "anonymous": 302,
    "desk_agent": 404,
    "partner_admin": 404,
    "partner_officer": 404,
}


def _decided(c):
    """The fixture's application, declined: its letter (a PDF) exists."""
    application = make_application(c)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.DECLINED, decided_on=timezone.localdate()
    )
    return application


def _version_document(c):
    """The pitch deck as the first version kept it."""
    application = make_application(c)
    version = application.versions.first() or snapshot(application)
    document = version.documents[0]["document"]
    return (
        f"/programs/applications/{application.pk}/versions/{version.number}/documents/{document}/"
    )


CASES += [
    Case(
        "programs:conflict",
        lambda c: f"/programs/applications/{_app(c).pk}/conflict/",
        {**VIEWERS_REFUSED, "expert": 302},
        default=404,
    ),
    Case(
        "programs:complete",
        lambda c: f"/programs/applications/{_app(c).pk}/complete/",
        VIEWERS_REFUSED,
        default=404,
    ),
    Case(
        "programs:letter",
        lambda c: f"/programs/applications/{_app(c).pk}/letter/",
        VIEWERS_REFUSED,
        default=404,
    ),
    Case(
        "programs:letter",
        lambda c: f"/programs/applications/{_decided(c).pk}/letter/",
        {**VIEWERS_REFUSED, "officer": 200, "site_manager": 200, "admin": 200},
        default=404,
        id="decided letter",
    ),
    Case(
        "programs:version_document",
        _version_document,
        {**VIEWERS_REFUSED, "officer": 200, "site_manager": 200, "admin": 200},
        default=404,
    ),
    Case(
        "programs:call_letters", lambda c: f"/programs/calls/{make_call(c).pk}/letters/", CALL_STAFF
    ),
    Case(
        "programs:call_decide", lambda c: f"/programs/calls/{make_call(c).pk}/decide/", CALL_STAFF
    ),
    Case(
        "api:GET /api/v1/applications",
        lambda c: (_app(c), "/api/v1/applications")[1],
        everyone(200),
    ),
    Case(
        "api:GET /api/v1/applications/{application_id}",
        lambda c: f"/api/v1/applications/{_app(c).pk}",
        {
            "officer": 200,
            "site_manager": 200,
            "admin": 200,
            "expert": 200,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
    ),
    Case(
        "api:POST /api/v1/applications/{application_id}/decision",
        lambda c: f"/api/v1/applications/{_app(c).pk}/decision",
        {
            "officer": 409,
            "site_manager": 409,
            "admin": 409,
            "expert": 403,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {"decision": "declined", "reasons": "Hors cible"},
    ),
]

# Milestone templates (the program's staff), a milestone's evidence (those who see the
# plan), and a milestone marked by the startup's own team and validated by the staff.
NO_PROGRAM_ROLE = {"owner": 403, "colleague": 403, "other_member": 403, "expert": 403}


def _program_pk(c) -> int:
    return c.own.enrollments.first().program_id


def _evidence_path(c) -> str:
    from django.core.files.base import ContentFile

    from technopark.programs.tests.fixtures import PDF

    plan = make_plan(c)
    from technopark.programs.models import Milestone

    milestone = Milestone.objects.create(
        plan=plan, title="MVP", due_on="2030-01-01", evidence_name="pv.pdf"
    )
    milestone.evidence_file.save("pv.pdf", ContentFile(PDF), save=True)
    return f"/programs/milestones/{milestone.pk}/evidence/"


def _worked_milestone(c) -> int:
    from technopark.programs.models import Milestone

    milestone_id = _milestone_id(c)
    Milestone.objects.filter(pk=milestone_id).update(status="in_progress")
    return milestone_id


CASES += [
    Case(
        "programs:templates",
        lambda c: "/programs/plans/templates/",
        {
            **STAFF_OF_A,
            **NO_PROGRAM_ROLE,
            "other_site_staff": 200,
            "desk_agent": 403,
            "partner_admin": 200,
            "partner_officer": 200,
            "anonymous": 302,
        },
    ),
    Case(
        "programs:templates_program",
        lambda c: f"/programs/plans/templates/{_program_pk(c)}/",
        {
            **STAFF_OF_A,
            "other_site_staff": 200,  # the program has a cohort at site B too
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
    ),
    Case(
        "programs:milestone_evidence",
        _evidence_path,
        {
            **STAFF_OF_A,
            "owner": 200,
            "colleague": 200,
            "anonymous": 302,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
    ),
    Case(
        "api:POST /api/v1/milestones/{milestone_id}/progress",
        lambda c: f"/api/v1/milestones/{_milestone_id(c)}/progress",
        {
            "owner": 200,
            "colleague": 200,
            "officer": 403,
            "site_manager": 403,
            "admin": 403,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {"status": "in_progress", "comment": "En cours"},
    ),
    Case(
        "api:POST /api/v1/milestones/{milestone_id}/review",
        lambda c: f"/api/v1/milestones/{_worked_milestone(c)}/review",
        {
            "officer": 200,
            "site_manager": 200,
            "admin": 200,
            "owner": 403,
            "colleague": 403,
            "desk_agent": 404,
            "partner_admin": 404,
            "partner_officer": 404,
        },
        default=404,
        method="post",
        json=True,
        data=lambda c: {"decision": "validate"},
    ),
]
