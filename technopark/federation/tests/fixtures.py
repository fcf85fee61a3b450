"""Partner structures and a site being built, added to the shared cast for federation tests.

Partner `alpha` (a university incubator) runs program ALPHA-INC at site A, where startup
ALPHA-1 is enrolled; partner `beta` runs BETA-ACC with startup BETA-1. `partner_admin` and
`partner_officer` work for alpha, `other_partner_admin` for beta. Site NEW is being built.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from technopark.federation.services import project_create
from technopark.house.testing import (
    EnrollmentFactory,
    ProgramFactory,
    SiteFactory,
    StartupFactory,
    UserFactory,
    make_role,
)
from technopark.network.models import Operator

PARTNER_ROLES = ("partner_admin", "partner_officer", "other_partner_admin")

CHECKLIST = ["Permis d'habiter", "Équipe recrutée"]


def partner(slug: str, name: str, **fields) -> Operator:
    return Operator.objects.create(
        slug=slug,
        name=name,
        kind=fields.pop("kind", Operator.Kind.UNIVERSITY),
        is_network_operator=False,
        **fields,
    )


def ensure_partners(cast) -> None:
    """Idempotent: the matrix calls it once per case."""
    if getattr(cast, "partner", None) is not None:
        return
    alpha = partner("alpha", "Incubateur Alpha", city="Fès", region_id="MA-03")
    beta = partner("beta", "Association Beta", kind=Operator.Kind.ASSOCIATION, public=False)
    alpha_program = ProgramFactory(
        code="ALPHA-INC", name="Alpha incubation", operator=alpha, direct=False
    )
    beta_program = ProgramFactory(code="BETA-ACC", name="Beta accélération", operator=beta)
    beta_program.direct = False
    beta_program.save()
    alpha_startup = StartupFactory(ref="ALPHA-1", name="Alpha Startup", public=False)
    beta_startup = StartupFactory(ref="BETA-1", name="Beta Startup", public=False)
    EnrollmentFactory(
        startup=alpha_startup, program=alpha_program, site=cast.site, started_on=dt.date(2022, 1, 1)
    )
    EnrollmentFactory(
        startup=beta_startup,
        program=beta_program,
        site=cast.other_site,
        started_on=dt.date(2022, 1, 1),
    )
    new_site = SiteFactory(code="NEW", name="Technopark Neuf", opened_on=None, region_id="MA-03")
    project = project_create(
        site=new_site,
        planned_opening_on=dt.date(2027, 9, 1),
        budget_mad=Decimal("50000000"),
        milestones={},
        checklist=CHECKLIST,
        spaces=[
            {
                "code": "N-101",
                "kind": "office",
                "area_m2": Decimal("16"),
                "seats": 3,
                "leasable": True,
            }
        ],
    )
    cast.partner = alpha
    cast.other_partner = beta
    cast.partner_program = alpha_program
    cast.partner_startup = alpha_startup
    cast.other_partner_startup = beta_startup
    cast.new_site = new_site
    cast.project = project
    cast.partner_admin = make_role(
        UserFactory(email="padmin@alpha.ma", full_name="Meryem Lahlou"),
        "partner_admin",
        operator=alpha,
    )
    cast.partner_officer = make_role(
        UserFactory(email="pofficer@alpha.ma", full_name="Anas Benjelloun"),
        "partner_officer",
        operator=alpha,
    )
    cast.other_partner_admin = make_role(
        UserFactory(email="padmin@beta.ma"), "partner_admin", operator=beta
    )
