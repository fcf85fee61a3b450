"""`?lang=fr|ar|en` shows a page in that language, so each language of a public page has
an address of its own: the sitemap and the pages' hreflang links point at them."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

CODES = {code for code, _name in settings.LANGUAGES}


class LanguageParameterMiddleware:
    """After LocaleMiddleware: a valid `lang` parameter wins over the cookie and the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.GET.get("lang", "")
        if lang in CODES:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
            response = self.get_response(request)
            response["Content-Language"] = lang
            return response
        return self.get_response(request)
