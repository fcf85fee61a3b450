"""Reads of the public showcase: what a listed startup chose to show, and the directory's filters.

`public_card(startup)` is the one place that turns a startup and its showcase profile into
what a visitor may see: the name always, every other field only when the founders ticked
it on their showcase profile. The directory, a startup's page, the widget, the JSON feed
and the home's stories all read these cards, and the directory's filters only match a
field the startup chose to show (filtering by a hidden sector would reveal it).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from technopark.core.query import search_text
from technopark.network.models import Region, Site
from technopark.programs.models import Enrollment, Program
from technopark.publishing.models import ShowcaseProfile
from technopark.publishing.permissions import showcase_startups
from technopark.startups.models import Headcount, Startup

LOOKING_FOR = {"clients", "funding", "talent"}


def fold(text: str) -> str:
    """Lower case without accents: "Énergie" and "energie" read the same."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def listed() -> QuerySet[Startup]:
    """Listed startups with what their cards read, in a fixed number of queries."""
    return (
        showcase_startups()
        .select_related("showcase")
        .prefetch_related(
            Prefetch(
                "enrollments",
                queryset=Enrollment.objects.select_related(
                    "site", "site__region", "program"
                ).order_by("-started_on", "-pk"),
                to_attr="site_enrollments",
            ),
            Prefetch(
                "headcounts",
                queryset=Headcount.objects.order_by("-as_of", "-pk"),
                to_attr="latest_headcounts",
            ),
        )
    )


def profile_of(startup: Startup) -> ShowcaseProfile | None:
    try:
        return startup.showcase
    except ShowcaseProfile.DoesNotExist:
        return None


def logo_url(startup: Startup, profile: ShowcaseProfile | None) -> str:
    """The logo's address, versioned by the stored file so it may be cached for a year."""
    if not (profile and profile.show_logo and profile.logo):
        return ""
    version = profile.logo.name.rsplit("/", 2)[-2] if "/" in profile.logo.name else "1"
    return f"{reverse('publishing:showcase_logo', args=[startup.ref])}?v={version}"


def public_card(startup: Startup) -> dict:
    """What a visitor may see of a listed startup (only what its founders chose)."""
    p = profile_of(startup)
    enrollments = getattr(startup, "site_enrollments", None)
    if enrollments is None:
        enrollments = list(
            startup.enrollments.select_related("site", "site__region", "program").order_by(
                "-started_on", "-pk"
            )
        )
    latest = enrollments[0] if enrollments else None
    headcounts = getattr(startup, "latest_headcounts", None)
    if headcounts is None:
        headcounts = list(startup.headcounts.order_by("-as_of", "-pk")[:1])

    def chosen(field: str) -> bool:
        return bool(p and getattr(p, field))

    return {
        "ref": startup.ref,
        "name": startup.name,
        "initial": (startup.name[:1] or "?").upper(),
        "logo_url": logo_url(startup, p),
        "sector": startup.sector if chosen("show_sector") else "",
        "tagline": p.tagline if chosen("show_tagline") else "",
        "description": startup.description if chosen("show_description") else "",
        "website": startup.website if chosen("show_website") else "",
        "founded": startup.founded_on.year
        if chosen("show_founded") and startup.founded_on
        else None,
        "site": latest.site if chosen("show_site") and latest else None,
        "region": latest.site.region if chosen("show_site") and latest else None,
        "program": latest.program if chosen("show_program") and latest else None,
        "team_size": headcounts[0].direct_jobs if chosen("show_team_size") and headcounts else None,
        "contact": chosen("show_contact"),
        "products": p.product_list() if p else [],
        "looking_for": p.looking_for() if p else [],
    }


@dataclass(frozen=True)
class ShowcaseFilters:
    q: str = ""
    sector: str = ""
    site: str = ""
    program: str = ""
    region: str = ""
    looking_for: str = ""

    @classmethod
    def from_request(cls, request) -> ShowcaseFilters:
        return cls(**{key: search_text(request.GET.get(key)) for key in cls.__dataclass_fields__})

    @property
    def active(self) -> bool:
        return any(getattr(self, key) for key in self.__dataclass_fields__)


def directory(filters: ShowcaseFilters) -> QuerySet[Startup]:
    """The listed startups that match, each filter on a field the startup chose to show."""
    qs = listed()
    if filters.q:
        wanted = fold(filters.q)
        names = showcase_startups().values_list("pk", "name")
        qs = qs.filter(pk__in=[pk for pk, name in names if wanted in fold(name)])
    if filters.sector:
        qs = qs.filter(showcase__show_sector=True, sector__iexact=filters.sector)
    by_enrollment = {
        "site": ("show_site", Q(site__code=filters.site)),
        "region": ("show_site", Q(site__region__code=filters.region)),
        "program": ("show_program", Q(program__code=filters.program)),
    }
    for key, (choice, condition) in by_enrollment.items():
        if getattr(filters, key):
            qs = qs.filter(
                Exists(Enrollment.objects.filter(condition, startup=OuterRef("pk"))),
                **{f"showcase__{choice}": True},
            )
    if filters.looking_for in LOOKING_FOR:
        qs = qs.filter(**{f"showcase__seeks_{filters.looking_for}": True})
    return qs.order_by("name", "pk")


def filter_choices() -> dict:
    """What the directory's filters offer: only values some listed startup chose to show."""
    shown_sector = showcase_startups().filter(showcase__show_sector=True).exclude(sector="")
    by_site = Enrollment.objects.filter(
        startup__in=showcase_startups().filter(showcase__show_site=True)
    )
    by_program = Enrollment.objects.filter(
        startup__in=showcase_startups().filter(showcase__show_program=True)
    )
    return {
        "sectors": sorted(set(shown_sector.values_list("sector", flat=True)), key=fold),
        "sites": Site.objects.filter(pk__in=by_site.values("site_id")).order_by("name"),
        "programs": Program.objects.filter(pk__in=by_program.values("program_id")).order_by("name"),
        "regions": Region.objects.filter(pk__in=by_site.values("site__region_id")),
    }
