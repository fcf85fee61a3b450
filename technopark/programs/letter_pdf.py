"""The decision letter of an application as a PDF, in French, Arabic or English.

Drawn with WeasyPrint as the other printed documents of the project (the committee's
minutes: `committee.minutes`, invoices: `billing.documents`), in DejaVu Sans which has
both scripts; Arabic shaped and right to left, each paragraph in its own direction and
the Latin names and places isolated with `<bdi>` (the `isolate` filter) so they keep
their order. The applicant gets it attached to the decision e-mail, and downloads it (as
the staff do) from the application's page.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from technopark.core.templatetags.names import direction
from technopark.core.translated import name_of
from technopark.programs.models import Application
from technopark.programs.services.review import LETTER_LANGUAGES, letter_language, letter_render


def letter_html(
    application: Application, language: str | None = None, start_on: dt.date | None = None
) -> str:
    language = language if language in LETTER_LANGUAGES else letter_language(application)
    subject, body = letter_render(application, language, start_on=start_on)
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    with translation.override(language):
        return render_to_string(
            "programs/letter_pdf.html",
            {
                "application": application,
                "lang": language,
                "rtl": language in settings.LANGUAGES_BIDI,
                "subject": subject,
                "paragraphs": [{"text": p, "dir": direction(p)} for p in paragraphs],
                "site": name_of(application.call.site),
                "city": application.call.site.city,
                "call_title": name_of(application.call, "title"),
                "program": name_of(application.call.program),
                "decided_on": application.decided_on or timezone.localdate(),
            },
        )


def letter_pdf(
    application: Application, language: str | None = None, start_on: dt.date | None = None
) -> bytes:
    from weasyprint import HTML

    html = letter_html(application, language, start_on)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def letter_filename(application: Application, language: str) -> str:
    stem = slugify(application.project_name)[:60] or str(application.pk)
    return f"decision-{stem}-{language}.pdf"


def letter_attachment(
    application: Application, start_on: dt.date | None = None
) -> tuple[str, bytes, str]:
    """(name, content, type): the letter in the applicant's language, for the e-mail."""
    language = letter_language(application)
    return (
        letter_filename(application, language),
        letter_pdf(application, language, start_on),
        "application/pdf",
    )
