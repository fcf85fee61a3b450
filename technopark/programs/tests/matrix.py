"""Programs pages: calls are public; applications are seen by their applicant, the staff who run
the call and the reviewers assigned; a plan by its startup and the staff who run its program."""

from technopark.core.matrix import Case, everyone
from technopark.programs.models import Program
from technopark.programs.tests.fixtures import make_application, make_call, make_plan

STAFF_OF_A = {"officer": 200, "site_manager": 200, "admin": 200}
NOT_STAFF = {"owner": 403, "colleague": 403, "other_member": 403, "expert": 403}


def _app(c):
    return make_application(c)


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
