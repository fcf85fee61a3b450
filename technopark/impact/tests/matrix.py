"""The bilan pages and endpoint: staff only; a site's bilan for that site's staff and admins."""

import datetime as dt

from technopark.core.matrix import Case, with_roles

STAFF = {"site_manager": 200, "officer": 200, "other_site_staff": 200, "admin": 200}
SITE_A = {"site_manager": 200, "officer": 200, "admin": 200}
PAGE = {"anonymous": 302}


def _edition(cast):
    from technopark.impact.models import Edition

    Edition.objects.create(
        pk=9001, name="Bilan d'étape 2022", as_of=dt.date(2022, 11, 30), figures={"kpis": {}}
    )


def _site_edition(cast):
    from technopark.impact.models import Edition

    Edition.objects.create(
        pk=9002,
        name="Bilan Site A",
        as_of=dt.date(2022, 11, 30),
        site=cast.site,
        figures={"kpis": {}},
    )


CASES = [
    Case("impact:dashboard", lambda c: "/bilan/", {**STAFF, **PAGE}, default=404),
    Case(
        "impact:dashboard",
        lambda c: "/bilan/?site=SA&as_of=2022-11-30",
        {**SITE_A, **PAGE},
        default=404,
        id="dashboard of site A",
    ),
    Case(
        "impact:trends", lambda c: "/bilan/trends/?as_of=2022-11-30", {**STAFF, **PAGE}, default=404
    ),
    Case(
        "impact:compare", lambda c: "/bilan/sites/?as_of=2022-11-30", {**STAFF, **PAGE}, default=404
    ),
    Case("impact:figure", lambda c: "/bilan/figure/residents/", {**STAFF, **PAGE}, default=404),
    Case(
        "impact:figure",
        lambda c: "/bilan/figure/startups_supported/?site=SA&format=xlsx",
        {**SITE_A, **PAGE},
        default=404,
        id="figure of site A as Excel",
    ),
    Case("impact:methodology", lambda c: "/bilan/methodology/", {}, default=200),
    Case("impact:edition_list", lambda c: "/bilan/editions/", {**STAFF, **PAGE}, default=404),
    Case(
        "impact:edition_list",
        lambda c: "/bilan/editions/",
        {"admin": 302, "site_manager": 403, "officer": 403, "other_site_staff": 403, **PAGE},
        default=404,
        method="post",
        data=lambda c: {"name": "Bilan 2022", "as_of": "2022-11-30", "site": ""},
        id="freeze the network's bilan",
    ),
    Case(
        "impact:edition_list",
        lambda c: "/bilan/editions/",
        {"admin": 302, "site_manager": 302, "officer": 403, "other_site_staff": 200, **PAGE},
        default=404,
        method="post",
        data=lambda c: {"name": "Bilan A 2022", "as_of": "2022-11-30", "site": "SA"},
        id="freeze site A's bilan",
        notes="other_site_staff may not choose site A: the form says so (200)",
    ),
    Case(
        "impact:edition_detail",
        lambda c: "/bilan/editions/9001/",
        {**STAFF, **PAGE},
        default=404,
        setup=_edition,
    ),
    Case(
        "impact:edition_detail",
        lambda c: "/bilan/editions/9002/?recompute=1",
        {**SITE_A, **PAGE},
        default=404,
        setup=_site_edition,
        id="edition of site A",
    ),
    Case("api:GET /api/v1/bilan", lambda c: "/api/v1/bilan?as_of=2022-11-30", STAFF, default=404),
    Case(
        "api:GET /api/v1/bilan",
        lambda c: "/api/v1/bilan?site=SA",
        SITE_A,
        default=404,
        id="API bilan of site A",
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET impact:dashboard": (404, 200, 200),
    "GET impact:dashboard [dashboard of site A]": (404, 404, 404),
    "GET impact:trends": (404, 200, 200),
    "GET impact:compare": (404, 200, 200),
    "GET impact:figure": (404, 200, 200),
    "GET impact:figure [figure of site A as Excel]": (404, 404, 404),
    "GET impact:methodology": (200, 200, 200),
    "GET impact:edition_list": (404, 200, 200),
    "POST impact:edition_list [freeze the network's bilan]": (404, 403, 403),
    "POST impact:edition_list [freeze site A's bilan]": (404, 200, 200),
    "GET impact:edition_detail": (404, 200, 200),
    "GET impact:edition_detail [edition of site A]": (404, 404, 404),
    "GET api:GET /api/v1/bilan": (404, 200, 200),
    "GET api:GET /api/v1/bilan [API bilan of site A]": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
