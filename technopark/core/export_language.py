"""Exports in the language asked: `?export=xlsx&language=ar` (or `?format=xlsx&language=ar`)
writes the file in Arabic whatever the interface's language: headers, names, choices, and
an Arabic workbook right to left. The view runs in that language, so every export follows
without each view knowing; an unknown language is a 400 with a translated message."""

from __future__ import annotations

from django.utils import translation

from technopark.core.listing import EXPORT_FORMATS, export_language, unknown_language_response


class ExportLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = request.GET
        exporting = params.get("export") in EXPORT_FORMATS or params.get("format") in EXPORT_FORMATS
        if request.method == "GET" and exporting and "language" in params:
            language = export_language(params)
            if not language:
                return unknown_language_response()
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
