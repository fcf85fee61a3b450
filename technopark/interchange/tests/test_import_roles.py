"""The role matrix of imports: each role of the cast uploads a file touching a startup in
its scope and one outside it, on the import page and on the partner's upload page, and
what is written or refused is read back from the database.

Partner `alpha` (cast.partner) runs ALPHA-INC, where ALPHA-1 is enrolled; OWN-1 follows a
program of the network at site A and BETA-1 follows partner beta's program.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.core.matrix import ROLES
from technopark.interchange.models import ImportJob
from technopark.programs.models import Enrollment
from technopark.startups.models import Headcount, Startup

pytestmark = pytest.mark.django_db

HEADERS = {
    "sites": "code;name;city;region\n",
    "programs": "code;name;kind;operator;direct\n",
}
# Only the partner's own startup: renamed, with a headcount.
INSIDE = {
    **HEADERS,
    "startups": "id;name\nALPHA-1;Alpha renamed\n",
    "headcounts": "startup;as_of;direct_jobs\nALPHA-1;01/01/2024;7\n",
}
# The same, plus the network's startup OWN-1 enrolled in the partner's program, renamed
# and given 400 jobs: what the attacker wanted.
OUTSIDE = {
    **HEADERS,
    "startups": "id;name\nALPHA-1;Alpha renamed\nOWN-1;Hijacked\n",
    "enrollments": "startup;program;site;started_on\nOWN-1;ALPHA-INC;SA;01/01/2024\n",
    "headcounts": "startup;as_of;direct_jobs\nALPHA-1;01/01/2024;7\nOWN-1;01/01/2024;400\n",
}


def _zip(tables: dict[str, str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(f"{name}.csv", text)
    return SimpleUploadedFile("upload.zip", buffer.getvalue(), "application/zip")


def _upload(cast, role, tables, run_tasks, *, page: str) -> int:
    """Upload then confirm as `role`; the status of the upload."""
    client = cast.client(role)
    before = set(ImportJob.objects.values_list("pk", flat=True))
    with run_tasks(execute=True):
        if page == "partner":
            response = client.post("/federation/space/alpha/upload/", {"file": _zip(tables)})
        else:
            data = {"files": _zip(tables)}
            if role != "admin":
                data["operator"] = "alpha"
            response = client.post("/interchange/", data)
    job = ImportJob.objects.exclude(pk__in=before).first()
    if job is not None and job.status == ImportJob.Status.CHECKED:
        with run_tasks(execute=True):
            if page == "partner":
                client.post("/federation/space/alpha/upload/", {"confirm": "1"})
            else:
                client.post(f"/interchange/jobs/{job.pk}/confirm/")
    return response.status_code


def _written(cast) -> dict[str, bool]:
    return {
        "inside": Startup.objects.get(ref="ALPHA-1").name == "Alpha renamed",
        "outside": Startup.objects.get(ref="OWN-1").name == "Hijacked"
        or Headcount.objects.filter(startup__ref="OWN-1").exists()
        or Enrollment.objects.filter(startup__ref="OWN-1", program__code="ALPHA-INC").exists(),
    }


# role → (status, a file inside its scope is written, a file reaching outside is written)
PARTNER_PAGE = {
    "partner_admin": (200, True, False),
    "partner_officer": (200, True, False),
    "admin": (200, True, False),  # on a partner's page, the partner's scope applies
    "site_manager": (403, False, False),
    "officer": (403, False, False),
    "other_site_staff": (403, False, False),
    "anonymous": (302, False, False),
}
IMPORT_PAGE = {
    "admin": (302, True, True),  # the network's administrator imports everything
    "partner_admin": (302, True, False),
}


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.mark.parametrize("page", ["partner", "import"])
@pytest.mark.parametrize("role", ROLES)
def test_an_import_writes_only_within_the_role_scope(cast, run_tasks, role, page):
    cast.partner_admin  # noqa: B018 - makes the partners, their program and ALPHA-1
    table = PARTNER_PAGE if page == "partner" else IMPORT_PAGE
    status, inside, outside = table.get(role, (404, False, False))

    assert _upload(cast, role, OUTSIDE, run_tasks, page=page) == status
    assert _written(cast) == {"inside": outside, "outside": outside}  # all or nothing
    assert _upload(cast, role, INSIDE, run_tasks, page=page) == status
    assert _written(cast)["inside"] is inside


def test_the_refusal_names_the_startup_and_the_partner(cast, run_tasks):
    cast.partner_admin  # noqa: B018
    _upload(cast, "partner_officer", OUTSIDE, run_tasks, page="partner")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REJECTED
    places = {(e["table"], e["line"]) for e in job.report_data["errors"]}
    assert places == {("startups", 3), ("enrollments", 2), ("headcounts", 3)}
    message = next(e["message"] for e in job.report_data["errors"] if e["table"] == "enrollments")
    assert message.startswith("OWN-1 is not enrolled in a program of Incubateur Alpha")


# Invoices issued before the platform (history): the network's administrator brings in
# any site's; a partner only those of the sites it runs, for its own startups (alpha runs
# no site: its upload of site A's invoices is refused, row by row).
HISTORY = {
    **HEADERS,
    "startups": "id;name\n",
    "historical_invoices": "site;number;startup;issued_on;total_mad;status\n"
    "SA;F-2019/001;ALPHA-1;15/01/2019;1200;unpaid\n"
    "SA;F-2019/002;OWN-1;15/01/2019;900;paid\n",
}


@pytest.mark.parametrize("role", ["admin", "partner_admin", "partner_officer"])
def test_invoices_before_the_platform_only_within_the_role_scope(cast, run_tasks, role):
    from technopark.billing.models import HistoricalInvoice

    cast.partner_admin  # noqa: B018
    page = "import" if role == "admin" else "partner"
    _upload(cast, role, HISTORY, run_tasks, page=page)
    written = set(HistoricalInvoice.objects.values_list("number", flat=True))
    assert written == ({"F-2019/001", "F-2019/002"} if role == "admin" else set())
    if role != "admin":
        job = ImportJob.objects.get()
        places = {(e["table"], e["line"], e["column"]) for e in job.report_data["errors"]}
        assert places == {
            ("historical_invoices", 2, "site"),
            ("historical_invoices", 3, "site"),
            ("historical_invoices", 3, "startup"),
        }
