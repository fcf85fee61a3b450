"""Open data and the showcase are public; showcase profiles are edited by the startup's members;
reports are for staff."""

import datetime as dt

from technopark.core.matrix import Case, everyone, with_roles

STAFF = {"site_manager": 200, "officer": 200, "other_site_staff": 200, "admin": 200}


def _listed(cast):
    from django.core.cache import cache

    cache.clear()  # the contact form's rate limit counts per address across requests
    cast.other.public = True
    cast.other.save()
    _profile(cast.other, show_contact=True, show_logo=True)


def _profile(startup, **choices):
    from django.core.files.base import ContentFile

    from technopark.publishing.models import ShowcaseProfile

    profile = ShowcaseProfile(startup=startup, **choices)
    profile.logo.save("logo.png", ContentFile(PNG), save=False)
    profile.save()


def _own_logo(cast):
    _profile(cast.own, show_logo=True)


def _job(cast):
    from technopark.publishing.models import ReportJob

    cast.job = ReportJob.objects.create(
        format="xlsx", as_of=dt.date.today(), requested_by=cast.site_manager
    )


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _photo(cast):
    from django.core.files.base import ContentFile

    from technopark.publishing.models import SitePhoto

    cast.photo = SitePhoto.objects.create(
        site=cast.site,
        image=ContentFile(PNG, name="front.png"),
        content_type="image/png",
        alt_text="La façade",
    )


MANAGERS = {"site_manager": 200, "admin": 200, "anonymous": 302}


def _contact(cast):
    return {"name": "Nadia", "email": "nadia@example.ma", "message": "Bonjour, un devis SVP."}


CASES = [
    Case("publishing:figures", lambda c: "/open/", {}, 200),
    Case("publishing:figures_json", lambda c: "/open/figures.json", {}, 200),
    Case("publishing:figures_csv", lambda c: "/open/figures.csv", {}, 200),
    Case("publishing:methodology", lambda c: "/open/methodology/", {}, 200),
    Case("publishing:datapackage", lambda c: "/open/datapackage.json", everyone(200)),
    Case("publishing:sites_csv", lambda c: "/open/sites.csv", everyone(200)),
    Case("publishing:reuse", lambda c: "/open/reuse/", everyone(200)),
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
    Case(
        "publishing:showcase_preview",
        lambda c: f"/open/startups/{c.own.ref}/preview/",
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
    Case(
        "publishing:showcase_logo",
        lambda c: f"/open/startups/{c.other.ref}/logo.png",
        {},
        200,
        setup=_listed,
    ),
    Case(
        "publishing:showcase_logo",
        lambda c: f"/open/startups/{c.own.ref}/logo.png",
        {"owner": 200, "colleague": 200, "admin": 200},
        404,
        setup=_own_logo,
        id="unlisted startup's logo, for its members only",
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
        "publishing:report_retry",
        lambda c: f"/open/reports/{c.job.pk}/retry/",
        {"site_manager": 302, "admin": 302, "anonymous": 302},
        404,
        setup=_job,
        method="post",
    ),
    Case(
        "publishing:report_download",
        lambda c: f"/open/reports/{c.job.pk}/file/",
        {"site_manager": 302, "admin": 302, "anonymous": 302},
        404,
        setup=_job,
    ),
    Case("api:GET /api/v1/open/figures", lambda c: "/api/v1/open/figures", everyone(200)),
    Case("publishing:site_media", lambda c: "/open/sites/SA/media/", MANAGERS, 403),
    Case(
        "publishing:site_photo_remove",
        lambda c: f"/open/sites/SA/media/{c.photo.pk}/remove/",
        {"site_manager": 302, "admin": 302, "anonymous": 302},
        403,
        method="post",
        setup=_photo,
    ),
    Case(
        "publishing:site_photo",
        lambda c: f"/open/sites/SA/photos/{c.photo.pk}/",
        everyone(200),
        setup=_photo,
    ),
]


# What the desk agent (of site A's OMPIC desk) and partner staff (of `alpha`) get, per
# case: (desk_agent, partner_admin, partner_officer). A new case may instead name these
# three roles in its own `expect`; core/matrix.py refuses a case that names neither.
OTHER_ROLES = {
    "GET publishing:figures": (200, 200, 200),
    "GET publishing:figures_json": (200, 200, 200),
    "GET publishing:figures_csv": (200, 200, 200),
    "GET publishing:methodology": (200, 200, 200),
    "GET publishing:showcase": (200, 200, 200),
    "GET publishing:showcase_feed": (200, 200, 200),
    "GET publishing:showcase_widget": (200, 200, 200),
    "GET publishing:showcase_detail": (200, 200, 200),
    "GET publishing:showcase_detail [unlisted startup not in the showcase]": (404, 404, 404),
    "POST publishing:showcase_contact": (302, 302, 302),
    "GET publishing:showcase_edit": (404, 404, 404),
    "GET publishing:showcase_preview": (404, 404, 404),
    "GET publishing:showcase_logo": (200, 200, 200),
    "GET publishing:showcase_logo [unlisted startup's logo, for its members only]": (404, 404, 404),
    "GET publishing:reports": (404, 200, 200),
    "POST publishing:report_create": (404, 302, 302),
    "GET publishing:report_now": (404, 200, 200),
    "GET publishing:report_status": (404, 404, 404),
    "GET publishing:report_download": (404, 404, 404),
    "POST publishing:report_retry": (404, 404, 404),
    "GET api:GET /api/v1/open/figures": (200, 200, 200),
    "GET publishing:site_media": (403, 403, 403),
    "POST publishing:site_photo_remove": (403, 403, 403),
    "GET publishing:site_photo": (200, 200, 200),
}
CASES = with_roles(CASES, OTHER_ROLES)
