"""Messages: the staff of a site (and network administrators) write; each reads what
they sent; startups and partners never see the pages."""

from __future__ import annotations

from technopark.core.matrix import Case, everyone


def _message(c) -> int:
    from technopark.messaging.models import Message

    message, _ = Message.objects.get_or_create(
        key="matrix",
        defaults={
            "audience": "residents",
            "audience_label": "Résidents",
            "subject_fr": "Coupure d'eau",
            "body_fr": "Jeudi matin.",
            "sent_by": c.site_manager,
            "site": c.site,
        },
    )
    return message.pk


WRITERS = everyone(
    403, site_manager=200, officer=200, other_site_staff=200, admin=200, anonymous=302
)

CASES = [
    Case("messaging:list", lambda c: "/messages/", WRITERS),
    Case("messaging:compose", lambda c: "/messages/new/", WRITERS),
    Case(
        "messaging:detail",
        lambda c: f"/messages/{_message(c)}/",
        everyone(404, site_manager=200, admin=200, anonymous=302),
    ),
]
