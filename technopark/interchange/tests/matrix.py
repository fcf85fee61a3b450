"""Import and export: network admins only (partner admins are tested in test_web.py)."""

from pathlib import Path

from django.conf import settings

from technopark.core.matrix import Case, everyone, with_roles
from technopark.interchange.models import ImportJob

ADMIN_ONLY = everyone(404, admin=200)


def _job(cast, status=ImportJob.Status.CHECKED):
    folder = Path(settings.MEDIA_ROOT) / "interchange" / f"matrix-{status}" / "csv"
    folder.mkdir(parents=True, exist_ok=True)
    for name, header in (
        ("sites", "code,name,city,region"),
        ("startups", "id,name"),
        ("programs", "code,name,kind,direct"),
    ):
        (folder / f"{name}.csv").write_text(header + "\n", encoding="utf-8")
    cast.job = ImportJob.objects.create(
        created_by=cast.admin,
        original_name="matrix.zip",
        stored_path=str(folder),
        status=status,
        preview={"ok": True, "errors": [], "warnings": [], "counts": {}},
    )


CASES = [
    Case("interchange:index", lambda c: "/interchange/", ADMIN_ONLY),
    Case(
        "interchange:index",
        lambda c: "/interchange/",
        everyone(404, admin=200),
        method="post",
        data=lambda c: {},
        id="upload without a file",
    ),
    Case("interchange:export", lambda c: "/interchange/export/?format=zip", ADMIN_ONLY),
    Case(
        "interchange:export",
        lambda c: "/interchange/export/?format=xlsx",
        ADMIN_ONLY,
        id="export xlsx",
    ),
    Case("interchange:job", lambda c: f"/interchange/jobs/{c.job.pk}/", ADMIN_ONLY, setup=_job),
    Case(
        "interchange:job_progress",
        lambda c: f"/interchange/jobs/{c.job.pk}/progress/",
        ADMIN_ONLY,
        setup=_job,
    ),
    Case(
        "interchange:job_errors",
        lambda c: f"/interchange/jobs/{c.job.pk}/errors.csv",
        ADMIN_ONLY,
        setup=_job,
    ),
    Case(
        "interchange:job_confirm",
        lambda c: f"/interchange/jobs/{c.job.pk}/confirm/",
        everyone(404, admin=302),
        method="post",
        setup=_job,
    ),
    Case(
        "interchange:job_retry",
        lambda c: f"/interchange/jobs/{c.job.pk}/retry/",
        everyone(404, admin=302),
        method="post",
        setup=_job,
    ),
    Case(
        "interchange:job_mapping",
        lambda c: f"/interchange/jobs/{c.job.pk}/mapping/",
        everyone(404, admin=302),
        method="post",
        setup=_job,
    ),
    Case("interchange:sheets_help", lambda c: "/interchange/spreadsheets/", ADMIN_ONLY),
    Case(
        "interchange:job_cancel",
        lambda c: f"/interchange/jobs/{c.job.pk}/cancel/",
        everyone(404, admin=302),
        method="post",
        setup=_job,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET interchange:index": (404, 200, 404),
    "POST interchange:index [upload without a file]": (404, 200, 404),
    "GET interchange:export": (404, 404, 404),
    "GET interchange:export [export xlsx]": (404, 404, 404),
    "GET interchange:job": (404, 404, 404),
    "GET interchange:job_progress": (404, 404, 404),
    "GET interchange:job_errors": (404, 404, 404),
    "POST interchange:job_confirm": (404, 404, 404),
    "POST interchange:job_cancel": (404, 404, 404),
    "POST interchange:job_mapping": (404, 404, 404),
    "GET interchange:sheets_help": (404, 200, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
