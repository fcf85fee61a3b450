"""The minutes (procès-verbal) of a committee session as a PDF, in French or Arabic.

Drawn with WeasyPrint as the other printed documents of the project (invoices:
`billing.documents`, contracts: `hosting.contract_pdf`), in DejaVu Sans which has both
scripts; Arabic right to left, the Latin names and places isolated with `<bdi>` (the
`isolate` filter) so they keep their order.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from technopark.committee.models import Session
from technopark.committee.services import eligible_present, tally
from technopark.core.translated import name_of

LANGUAGES = ("fr", "ar")


def minutes_context(session: Session) -> dict:
    """What the minutes list, read in the active language."""
    members = list(session.members.select_related("user").order_by("pk"))
    items = []
    for item in session.items.select_related("application", "application__applicant"):
        declarations = list(item.declarations.select_related("member__user"))
        items.append(
            {
                "item": item,
                "application": item.application,
                "conflicts": [d for d in declarations if d.conflict],
                "tally": tally(item),
                "eligible": eligible_present(item),
                "decision": item.get_decision_display() if item.decision else "",
            }
        )
    return {
        "session": session,
        "call_title": name_of(session.call, "title"),
        "program": name_of(session.call.program),
        "site": name_of(session.call.site),
        "starts_at": timezone.localtime(session.starts_at),
        "present": [m for m in members if m.present],
        "absent": [m for m in members if not m.present],
        "items": items,
        "conflicts": [d for row in items for d in row["conflicts"]],
        "approved_at": timezone.localtime(session.minutes_approved_at)
        if session.minutes_approved_at
        else None,
    }


def minutes_html(session: Session, lang: str) -> str:
    lang = lang if lang in LANGUAGES else "fr"
    with translation.override(lang):
        return render_to_string(
            "committee/minutes_pdf.html", {**minutes_context(session), "lang": lang}
        )


def minutes_pdf(session: Session, lang: str = "fr") -> bytes:
    from weasyprint import HTML

    return HTML(string=minutes_html(session, lang), base_url=str(settings.BASE_DIR)).write_pdf()
