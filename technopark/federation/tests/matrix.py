"""Every federation page as every member of the cast, and as partner staff (`partners`).

`partners` gives the status for partner_admin and partner_officer of `alpha` and for
other_partner_admin (of `beta`); `test_partner_matrix.py` runs those.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from technopark.core.matrix import Case, everyone, with_roles
from technopark.federation.tests.fixtures import ensure_partners


@dataclass
class FedCase(Case):
    partners: dict[str, int] = field(default_factory=dict)

    def status_for(self, role: str) -> int:
        if role in self.partners:  # partner_admin, partner_officer (and other_partner_admin)
            return self.partners[role]
        return super().status_for(role)


def network_staff(status: int, *, others: int = 404, staff: int | None = None) -> dict[str, int]:
    """Network staff get `status` (site staff `staff` if given), members `others`, anonymous 302."""
    site = status if staff is None else staff
    return everyone(
        others,
        admin=status,
        site_manager=site,
        officer=site,
        other_site_staff=site,
        anonymous=302,
    )


def partner_page(status_admin: int, *, officer: int | None = None) -> dict:
    return {
        "partner_admin": status_admin,
        "partner_officer": status_admin if officer is None else officer,
        "other_partner_admin": 404,
    }


NO_PARTNER = {"partner_admin": 404, "partner_officer": 404, "other_partner_admin": 404}
PUBLIC = {"partner_admin": 200, "partner_officer": 200, "other_partner_admin": 200}

A = "/federation/space/alpha"
NEW_PARTNER = {
    "name": "Incubateur Gamma",
    "slug": "gamma",
    "kind": "labelled",
    "admin_email": "admin@gamma.ma",
    "public": "on",
}
PROFILE = {"name": "Incubateur Alpha", "kind": "university", "city": "Fès", "public": "on"}
P = "/federation/pipeline/NEW"


def _upload_outside_scope():
    """A zip enrolling the network's startup OWN-1 in alpha's program (refused when read)."""
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("startups.csv", "id;name\nOWN-1;Hijacked\n")
        archive.writestr("programs.csv", "code;name;kind;operator;direct\n")
        archive.writestr(
            "enrollments.csv", "startup;program;site;started_on\nOWN-1;ALPHA-INC;SA;01/01/2024\n"
        )
    return SimpleUploadedFile("alpha.zip", buffer.getvalue(), "application/zip")


CASES = [
    FedCase(
        "federation:partner_directory", lambda c: "/federation/partners/", everyone(200),
        setup=ensure_partners, partners=PUBLIC,
    ),
    FedCase(
        "federation:partner_profile", lambda c: "/federation/partners/alpha/", everyone(200),
        setup=ensure_partners, partners=PUBLIC,
    ),
    FedCase(
        "federation:partner_profile", lambda c: "/federation/partners/beta/", everyone(404),
        setup=ensure_partners, partners=NO_PARTNER, id="partner_profile unlisted",
    ),
    FedCase(
        "federation:partner_space", lambda c: "/federation/space/", network_staff(200),
        setup=ensure_partners,
        partners={"partner_admin": 302, "partner_officer": 302, "other_partner_admin": 302},
    ),
    FedCase(
        "federation:partner_new", lambda c: "/federation/new-partner/", network_staff(200, staff=404),
        setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "federation:partner_new", lambda c: "/federation/new-partner/",
        network_staff(302, staff=404), method="post", data=lambda c: NEW_PARTNER,
        setup=ensure_partners, partners=NO_PARTNER, id="partner_new create",
    ),
    FedCase(
        "federation:partner_edit", lambda c: f"{A}/profile/", network_staff(200, staff=403),
        setup=ensure_partners, partners=partner_page(200, officer=403),
    ),
    FedCase(
        "federation:partner_edit", lambda c: f"{A}/profile/", network_staff(302, staff=403),
        method="post", data=lambda c: PROFILE, setup=ensure_partners,
        partners=partner_page(302, officer=403), id="partner_edit save",
    ),
    FedCase(
        "federation:partner_home", lambda c: f"{A}/", network_staff(200),
        setup=ensure_partners, partners=partner_page(200),
    ),
    FedCase(
        "federation:partner_home", lambda c: "/federation/space/beta/", network_staff(200),
        setup=ensure_partners, id="partner_home other partner",
        partners={"partner_admin": 404, "partner_officer": 404, "other_partner_admin": 200},
    ),
    FedCase(
        "federation:partner_bilan", lambda c: f"{A}/bilan/", network_staff(200),
        setup=ensure_partners, partners=partner_page(200),
    ),
    FedCase(
        "federation:partner_staff", lambda c: f"{A}/staff/", network_staff(200),
        setup=ensure_partners, partners=partner_page(200),
    ),
    FedCase(
        "federation:partner_staff", lambda c: f"{A}/staff/", network_staff(302, staff=403),
        method="post", data=lambda c: {"email": "new@alpha.ma", "role": "partner_officer"},
        setup=ensure_partners, id="partner_staff invite",
        partners=partner_page(302, officer=403),
    ),
    FedCase(
        "federation:partner_staff_remove",
        lambda c: f"{A}/staff/{c.partner_officer.pk}/remove/",
        network_staff(302, staff=403), method="post", setup=ensure_partners,
        partners=partner_page(302, officer=403),
    ),
    FedCase(
        "federation:partner_upload", lambda c: f"{A}/upload/", network_staff(200, staff=403),
        setup=ensure_partners, partners=partner_page(200),
    ),
    FedCase(
        "federation:partner_upload", lambda c: f"{A}/upload/", network_staff(200, staff=403),
        method="post", data=lambda c: {"file": _upload_outside_scope()}, setup=ensure_partners,
        partners=partner_page(200), id="partner_upload a startup outside its scope",
        notes="what is written is checked in interchange/tests/test_import_roles.py",
    ),
    FedCase(
        "federation:bilan_split", lambda c: "/federation/bilan/", network_staff(200),
        setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "federation:region_list", lambda c: "/federation/regions/", everyone(200),
        setup=ensure_partners, partners=PUBLIC,
    ),
    FedCase(
        "federation:region_detail", lambda c: "/federation/regions/MA-03/", everyone(200),
        setup=ensure_partners, partners=PUBLIC,
    ),
    FedCase(
        "federation:region_detail", lambda c: "/federation/regions/MA-99/", everyone(404),
        setup=ensure_partners, partners=NO_PARTNER, id="region_detail unknown",
    ),
    FedCase(
        "federation:pipeline_list", lambda c: "/federation/pipeline/", network_staff(200),
        setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "federation:pipeline_detail", lambda c: f"{P}/", network_staff(200),
        setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "federation:milestone_edit", lambda c: f"{P}/milestones/works/",
        network_staff(200, staff=403), setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "federation:checklist_toggle",
        lambda c: f"{P}/checklist/{c.project.checklist.first().pk}/",
        network_staff(302, staff=403), method="post", data=lambda c: {"done": "1"},
        setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "federation:site_open", lambda c: f"{P}/open/", network_staff(302, staff=403),
        method="post", data=lambda c: {"opened_on": "2026-01-05"},
        setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "federation:scenario", lambda c: "/federation/scenarios/", network_staff(200),
        setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "api:GET /api/v1/federation/regions", lambda c: "/api/v1/federation/regions",
        everyone(200), setup=ensure_partners, partners=PUBLIC,
    ),
    FedCase(
        "api:GET /api/v1/federation/partners", lambda c: "/api/v1/federation/partners",
        everyone(200), setup=ensure_partners, partners=PUBLIC,
    ),
    FedCase(
        "api:GET /api/v1/federation/pipeline", lambda c: "/api/v1/federation/pipeline",
        network_staff(200) | {"anonymous": 404}, setup=ensure_partners, partners=NO_PARTNER,
    ),
    FedCase(
        "api:GET /api/v1/federation/scenario",
        lambda c: "/api/v1/federation/scenario?site=NEW&area_m2=1000&year=2030",
        network_staff(200) | {"anonymous": 404}, setup=ensure_partners, partners=NO_PARTNER,
    ),
]  # fmt: skip


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET federation:partner_directory": (200, 200, 200),
    "GET federation:partner_profile": (200, 200, 200),
    "GET federation:partner_profile [partner_profile unlisted]": (404, 404, 404),
    "GET federation:partner_space": (404, 302, 302),
    "GET federation:partner_new": (404, 404, 404),
    "POST federation:partner_new [partner_new create]": (404, 404, 404),
    "GET federation:partner_edit": (404, 200, 403),
    "POST federation:partner_edit [partner_edit save]": (404, 302, 403),
    "GET federation:partner_home": (404, 200, 200),
    "GET federation:partner_home [partner_home other partner]": (404, 404, 404),
    "GET federation:partner_bilan": (404, 200, 200),
    "GET federation:partner_staff": (404, 200, 200),
    "POST federation:partner_staff [partner_staff invite]": (404, 302, 403),
    "POST federation:partner_staff_remove": (404, 302, 403),
    "GET federation:partner_upload": (404, 200, 200),
    "POST federation:partner_upload [partner_upload a startup outside its scope]": (404, 200, 200),
    "GET federation:bilan_split": (404, 404, 404),
    "GET federation:region_list": (200, 200, 200),
    "GET federation:region_detail": (200, 200, 200),
    "GET federation:region_detail [region_detail unknown]": (404, 404, 404),
    "GET federation:pipeline_list": (404, 404, 404),
    "GET federation:pipeline_detail": (404, 404, 404),
    "GET federation:milestone_edit": (404, 404, 404),
    "POST federation:checklist_toggle": (404, 404, 404),
    "POST federation:site_open": (404, 404, 404),
    "GET federation:scenario": (404, 404, 404),
    "GET api:GET /api/v1/federation/regions": (200, 200, 200),
    "GET api:GET /api/v1/federation/partners": (200, 200, 200),
    "GET api:GET /api/v1/federation/pipeline": (404, 404, 404),
    "GET api:GET /api/v1/federation/scenario": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
