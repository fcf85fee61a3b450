"""Collection pages: campaigns and satisfaction for staff, declarations for the startup's people,
the answer link for whoever holds it."""

import datetime as dt

from technopark.core.matrix import Case, everyone, with_roles

STAFF = {"site_manager": 200, "officer": 200, "other_site_staff": 200, "admin": 200}
SITE_A_STAFF = {"site_manager": 200, "officer": 200, "admin": 200}
DECLARERS = {"owner": 200, "colleague": 200, **SITE_A_STAFF}


def _campaign(cast):
    from technopark.surveys.services import campaign_open

    today = dt.date.today()
    cast.campaign = campaign_open(
        title="Déclaration S1",
        kind="declaration",
        period=f"{today.year}-S1",
        as_of=today,
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        sites=[cast.site],
        by=cast.admin,
    )


def _coming(cast):
    """A declaration campaign opening next week: its figures asked may still change."""
    from technopark.surveys.services import MetricSpec, campaign_open

    today = dt.date.today()
    cast.campaign = campaign_open(
        title="Déclaration S2",
        kind="declaration",
        period=f"{today.year}-S2",
        as_of=today,
        opens_on=today + dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=40),
        sites=[cast.site],
        metrics=[MetricSpec("Nombre de clients actifs", "integer", required=True)],
        by=cast.admin,
    )


def _asked(cast):
    _campaign(cast)
    cast.request_pk = cast.campaign.requests.get(startup=cast.own).pk


def _metrics_form(cast):
    return {
        "metric_label": ["Nombre de clients actifs", "Levée de fonds en cours"],
        "metric_label_ar": ["", ""],
        "metric_label_en": ["Active customers", ""],
        "metric_kind": ["integer", "yesno"],
        "metric_unit": ["", ""],
        "metric_required": ["1", "0"],
    }


def _link(cast):
    from technopark.surveys.services import request_token

    _campaign(cast)
    cast.token = request_token(cast.campaign.requests.get(startup=cast.own))


def _declaration(cast):
    return {"as_of": dt.date.today().isoformat(), "direct_jobs": 7, "indirect_jobs": 2}


CASES = [
    Case("surveys:campaigns", lambda c: "/surveys/campaigns/", {**STAFF, "anonymous": 302}, 404),
    Case(
        "surveys:campaign_new",
        lambda c: "/surveys/campaigns/new/",
        {**STAFF, "anonymous": 302},
        404,
    ),
    Case(
        "surveys:campaign_detail",
        lambda c: f"/surveys/campaigns/{c.campaign.pk}/",
        {**SITE_A_STAFF, "anonymous": 302},
        404,
        setup=_campaign,
    ),
    Case(
        "surveys:campaign_export",
        lambda c: f"/surveys/campaigns/{c.campaign.pk}/export.xlsx",
        {**SITE_A_STAFF, "anonymous": 302},
        404,
        setup=_campaign,
    ),
    Case(
        "surveys:campaign_detail",
        lambda c: f"/surveys/campaigns/{c.campaign.pk}/?export=csv",
        {**SITE_A_STAFF, "anonymous": 302},
        404,
        setup=_campaign,
        id="the answers as CSV",
    ),
    Case(
        "surveys:campaign_metrics",
        lambda c: f"/surveys/campaigns/{c.campaign.pk}/metrics/",
        {**SITE_A_STAFF, "anonymous": 302},
        404,
        setup=_coming,
    ),
    Case(
        "surveys:campaign_metrics",
        lambda c: f"/surveys/campaigns/{c.campaign.pk}/metrics/",
        {"site_manager": 302, "officer": 302, "admin": 302, "anonymous": 302},
        404,
        method="post",
        data=_metrics_form,
        setup=_coming,
    ),
    Case(
        "surveys:request_open",
        lambda c: f"/surveys/requests/{c.request_pk}/",
        {"owner": 302, "colleague": 302, "anonymous": 302},
        404,
        setup=_asked,
        notes="Only the asked startup's members open what the network asks of it.",
    ),
    Case(
        "surveys:declare",
        lambda c: f"/surveys/startups/{c.own.ref}/declare/",
        {**DECLARERS, "anonymous": 302},
        404,
    ),
    Case("surveys:row", lambda c: "/surveys/rows/export/", {"anonymous": 302}, 200),
    Case("surveys:answer", lambda c: f"/surveys/r/{c.token}/", {}, 200, setup=_link),
    Case(
        "surveys:answer",
        lambda c: "/surveys/r/forged-token/",
        {},
        404,
        id="forged answer link",
    ),
    Case(
        "surveys:satisfaction", lambda c: "/surveys/satisfaction/", {**STAFF, "anonymous": 302}, 404
    ),
    Case(
        "surveys:satisfaction_export",
        lambda c: "/surveys/satisfaction/comments.xlsx",
        {**STAFF, "anonymous": 302},
        404,
    ),
    Case(
        "api:POST /api/v1/startups/{ref}/declarations",
        lambda c: f"/api/v1/startups/{c.own.ref}/declarations",
        everyone(404, owner=201, colleague=201, site_manager=201, officer=201, admin=201),
        method="post",
        json=True,
        data=_declaration,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET surveys:campaigns": (404, 200, 200),
    "GET surveys:campaign_new": (404, 403, 403),
    "GET surveys:campaign_detail": (404, 404, 404),
    "GET surveys:campaign_export": (404, 404, 404),
    "GET surveys:campaign_detail [the answers as CSV]": (404, 404, 404),
    "GET surveys:campaign_metrics": (404, 404, 404),
    "POST surveys:campaign_metrics": (404, 404, 404),
    "GET surveys:request_open": (404, 404, 404),
    "GET surveys:declare": (404, 404, 404),
    "GET surveys:row": (200, 200, 200),
    "GET surveys:answer": (200, 200, 200),
    "GET surveys:answer [forged answer link]": (404, 404, 404),
    "GET surveys:satisfaction": (404, 200, 200),
    "GET surveys:satisfaction_export": (404, 200, 200),
    "POST api:POST /api/v1/startups/{ref}/declarations": (404, 404, 404),
}
CASES = with_roles(CASES, OTHER_ROLES)
