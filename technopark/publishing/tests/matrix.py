"""Open data and the showcase are public; showcase profiles are edited by the startup's members;
reports are for staff."""

import datetime as dt

from technopark.core.matrix import Case, everyone

STAFF = {"site_manager": 200, "officer": 200, "other_site_staff": 200, "admin": 200}


def _listed(cast):
    from django.core.cache import cache

    cache.clear()  # the contact form's rate limit counts per address across requests
    cast.other.public = True
    cast.other.save()


def _job(cast):
    from technopark.publishing.models import ReportJob

    cast.job = ReportJob.objects.create(
        format="xlsx", as_of=dt.date.today(), requested_by=cast.site_manager
    )


def _contact(cast):
    return {"name": "Nadia", "email": "nadia@example.ma", "message": "Bonjour, un devis SVP."}


CASES = [
    Case("publishing:figures", lambda c: "/open/", {}, 200),
    Case("publishing:figures_json", lambda c: "/open/figures.json", {}, 200),
    Case("publishing:figures_csv", lambda c: "/open/figures.csv", {}, 200),
    Case("publishing:methodology", lambda c: "/open/methodology/", {}, 200),
    Case("publishing:showcase", lambda c: "/open/startups/", {}, 200),
    Case("publishing:showcase_feed", lambda c: "/open/startups/feed.json", {}, 200),
    Case("publishing:showcase_widget", lambda c: "/open/startups/widget/", {}, 200),
    Case(
        "publishing:showcase_detail",
        lambda c: f"/open/startups/{c.other.ref}/",
        {},
        200,
        setup=_listed,
    ),
    Case(
        "publishing:showcase_detail",
        lambda c: f"/open/startups/{c.own.ref}/",
        {},
        404,
        id="unlisted startup not in the showcase",
    ),
    Case(
        "publishing:showcase_contact",
        lambda c: f"/open/startups/{c.other.ref}/contact/",
        {},
        302,
        method="post",
        data=_contact,
        setup=_listed,
    ),
    Case(
        "publishing:showcase_edit",
        lambda c: f"/open/startups/{c.own.ref}/profile/",
        {
            "owner": 200,
            "colleague": 200,
            "admin": 200,
            "site_manager": 403,
            "officer": 403,
            "anonymous": 302,
        },
        404,
    ),
    Case("publishing:reports", lambda c: "/open/reports/", {**STAFF, "anonymous": 302}, 404),
    Case(
        "publishing:report_create",
        lambda c: "/open/reports/new/",
        {
            "site_manager": 302,
            "officer": 302,
            "other_site_staff": 302,
            "admin": 302,
            "anonymous": 302,
        },
        404,
        method="post",
        data=lambda c: {"format": "xlsx", "as_of": dt.date.today().isoformat(), "language": "fr"},
    ),
    Case(
        "publishing:report_now",
        lambda c: f"/open/reports/download/?format=xlsx&as_of={dt.date.today()}&language=fr",
        {**STAFF, "anonymous": 302},
        404,
    ),
    Case(
        "publishing:report_status",
        lambda c: f"/open/reports/{c.job.pk}/",
        {"site_manager": 200, "admin": 200, "anonymous": 302},
        404,
        setup=_job,
    ),
    Case(
        "publishing:report_download",
        lambda c: f"/open/reports/{c.job.pk}/file/",
        {"site_manager": 302, "admin": 302, "anonymous": 302},
        404,
        setup=_job,
    ),
    Case("api:GET /api/v1/open/figures", lambda c: "/api/v1/open/figures", everyone(200)),
]
