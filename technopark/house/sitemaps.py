"""/sitemap.xml: the public pages, each in French, Arabic and English (hreflang alternates:
the same address with ?lang=, see core/language.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from technopark.federation.permissions import public_partners
from technopark.network.models import Site
from technopark.publishing.permissions import showcase_startups


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]

    def path(self, item) -> str:
        raise NotImplementedError

    def location(self, item) -> str:
        return f"{self.path(item)}?lang={translation.get_language()}"

    def get_latest_lastmod(self):
        return None


class PagesSitemap(PublicSitemap):
    priority = 0.8
    changefreq = "daily"
    NAMES = (
        "core:home",
        "network:site_list",
        "publishing:showcase",
        "publishing:figures",
        "publishing:methodology",
        "publishing:reuse",
        "federation:region_list",
        "federation:partner_directory",
        "community:event_list",
    )

    def items(self):
        return list(self.NAMES)

    def path(self, item) -> str:
        return reverse(item)


class SitesSitemap(PublicSitemap):
    priority = 0.7
    changefreq = "weekly"

    def items(self):
        return list(Site.objects.order_by("code"))

    def path(self, item) -> str:
        return item.get_absolute_url()


class StartupsSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return list(showcase_startups().order_by("ref").only("ref", "updated_at"))

    def path(self, item) -> str:
        return reverse("publishing:showcase_detail", args=[item.ref])

    def lastmod(self, item):
        return item.updated_at


class PartnersSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        return list(public_partners().order_by("slug"))

    def path(self, item) -> str:
        return reverse("federation:partner_profile", args=[item.slug])


SITEMAPS = {
    "pages": PagesSitemap,
    "sites": SitesSitemap,
    "startups": StartupsSitemap,
    "partners": PartnersSitemap,
}
