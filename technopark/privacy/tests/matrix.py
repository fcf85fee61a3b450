from technopark.core.matrix import Case, everyone, with_roles
from technopark.privacy.models import DataRequest


def _owner_request(c) -> str:
    request = DataRequest.objects.create(user=c.owner, kind="access")
    return f"/privacy/me/requests/{request.pk}/"


CASES = [
    Case("privacy:notice", lambda c: "/privacy/me/notice/", everyone(200)),
    Case("privacy:home", lambda c: "/privacy/me/", everyone(200, anonymous=302)),
    Case("privacy:export", lambda c: "/privacy/me/export/", everyone(200, anonymous=302)),
    Case("privacy:export_json", lambda c: "/privacy/me/export.json", everyone(200, anonymous=302)),
    Case(
        "privacy:consents",
        lambda c: "/privacy/me/consents/",
        everyone(302),
        method="post",
        data=lambda c: {"marketing": "on"},
    ),
    Case(
        "privacy:request_new",
        lambda c: "/privacy/me/requests/",
        everyone(302),
        method="post",
        data=lambda c: {"kind": "access"},
    ),
    Case(
        "privacy:queue",
        lambda c: "/privacy/me/requests/queue/",
        {"admin": 200, "anonymous": 302},
        default=403,
    ),
    # Someone else's request does not exist for them.
    Case(
        "privacy:request_detail",
        _owner_request,
        {"owner": 200, "admin": 200, "anonymous": 302},
        default=404,
    ),
    Case(
        "api:GET /api/v1/privacy/me",
        lambda c: "/api/v1/privacy/me",
        everyone(200, anonymous=401),
    ),
    Case(
        "api:GET /api/v1/privacy/requests",
        lambda c: "/api/v1/privacy/requests",
        everyone(200, anonymous=401),
    ),
    Case(
        "api:POST /api/v1/privacy/requests",
        lambda c: "/api/v1/privacy/requests",
        everyone(201, anonymous=401),
        method="post",
        json=True,
        data=lambda c: {"kind": "deletion", "message": "Merci de supprimer mon compte."},
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET privacy:notice": (200, 200, 200),
    "GET privacy:home": (200, 200, 200),
    "GET privacy:export": (200, 200, 200),
    "GET privacy:export_json": (200, 200, 200),
    "POST privacy:consents": (302, 302, 302),
    "POST privacy:request_new": (302, 302, 302),
    "GET privacy:queue": (403, 403, 403),
    "GET privacy:request_detail": (404, 404, 404),
    "GET api:GET /api/v1/privacy/me": (200, 200, 200),
    "GET api:GET /api/v1/privacy/requests": (200, 200, 200),
    "POST api:POST /api/v1/privacy/requests": (201, 201, 201),
}
CASES = with_roles(CASES, OTHER_ROLES)
