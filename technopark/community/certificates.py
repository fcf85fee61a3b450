"""The certificate of attendance of an event: a one-page PDF (weasyprint, as the hosting
contracts and the publishing reports) in French, Arabic (right to left) or English."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from technopark.community.models import Registration

LANGUAGES = ("fr", "ar", "en")


def certificate_html(registration: Registration, language: str) -> str:
    language = language if language in LANGUAGES else "fr"
    event = registration.event
    with translation.override(language):
        return render_to_string(
            "community/certificate_pdf.html",
            {
                "registration": registration,
                "event": event,
                "name": registration.person_name,
                "day": timezone.localtime(event.starts_at).date(),
                "checked_in_at": timezone.localtime(registration.checked_in_at),
                "language": language,
                "rtl": language in settings.LANGUAGES_BIDI,
                "issued_on": timezone.localdate(),
            },
        )


def certificate_pdf(registration: Registration, language: str) -> bytes:
    from weasyprint import HTML

    html = certificate_html(registration, language)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
