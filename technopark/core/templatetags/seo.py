"""What search engines and link previews read in a page's <head>: its description, the
Open Graph preview (og:title, og:description, og:image) and, on the public pages, the
page's address in each language (hreflang), the same URL with ?lang=fr|ar|en."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _

from technopark.core.public_cache import PAGES

register = template.Library()
OG_LOCALES = {"fr": "fr_MA", "ar": "ar_MA", "en": "en_GB"}
DEFAULT_IMAGE = "publishing/og-default.png"


@register.inclusion_tag("components/_page_meta.html", takes_context=True)
def page_meta(context) -> dict:
    request = context.get("request")
    meta = context.get("meta") or {}
    language = translation.get_language() or settings.LANGUAGE_CODE
    if request is None:
        return {}
    match = request.resolver_match
    public = bool(match and match.view_name in PAGES)
    here = request.build_absolute_uri(request.path)
    image = meta.get("image") or static(DEFAULT_IMAGE)
    return {
        "description": meta.get("description")
        or _(
            "The national network of technology parks of Morocco: its sites, startups, "
            "programmes and figures."
        ),
        "title": meta.get("title") or _("Technopark network"),
        "image": request.build_absolute_uri(image),
        "image_alt": meta.get("image_alt") or _("Technopark network"),
        "url": here,
        "locale": OG_LOCALES.get(language[:2], "fr_MA"),
        "alternates": [(code, f"{here}?lang={code}") for code, _name in settings.LANGUAGES]
        if public
        else [],
    }
