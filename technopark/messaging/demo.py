"""Demo: the Casablanca site manager wrote to the site's residents (in French and Arabic)
about the water cut, and to the late payers; the network's director wrote to the members
of startups selected in the directory; each message lists its recipients, their language
and what became of the e-mail."""

from __future__ import annotations

from technopark.core.demo import DemoContext
from technopark.messaging import audiences
from technopark.messaging.services import message_send
from technopark.network.models import Site
from technopark.startups.models import Membership

WATER = {
    "subject_fr": "Coupure d'eau jeudi matin",
    "body_fr": (
        "Bonjour,\n\nLyonnaise des Eaux de Casablanca coupera l'eau jeudi de 8 h à 12 h pour "
        "des travaux sur le réseau. Les sanitaires du bâtiment B resteront ouverts.\n\n"
        "L'équipe du site"
    ),
    "subject_ar": "انقطاع الماء صباح الخميس",
    "body_ar": (
        "مرحبا،\n\nسينقطع الماء يوم الخميس من الساعة 8 إلى 12 بسبب أشغال على الشبكة. "
        "ستبقى مرافق البناية B مفتوحة.\n\nفريق الموقع"
    ),
}
LATE = {
    "subject_fr": "Loyers en retard : prenons rendez-vous",
    "body_fr": (
        "Bonjour,\n\nVotre startup a des factures échues non réglées. Si la trésorerie est "
        "tendue, passez nous voir : un échéancier est possible.\n\nLa direction du site"
    ),
    "subject_en": "Late rent: let us meet",
    "body_en": (
        "Hello,\n\nYour startup has overdue invoices. If cash is tight, come and see us: a "
        "payment plan is possible.\n\nThe site's management"
    ),
}


def seed(ctx: DemoContext) -> None:
    manager = ctx.users.get("site_manager")
    site = Site.objects.filter(code="CASA").first()
    if manager is None or site is None:
        ctx.log("no message (no Casablanca manager)")
        return
    sent = 0
    for n, (pick, texts) in enumerate(
        ((audiences.residents, WATER), (audiences.late_payers, LATE))
    ):
        label, users = pick(manager, site)
        if not users.exists():
            continue
        message_send(
            key=f"demo-message-{n}",
            audience="residents" if n == 0 else "late_payers",
            audience_label=label,
            texts=texts,
            users=users,
            site=site,
            by=manager,
        )
        sent += 1
    sent += _to_selected_startups(ctx)
    ctx.log(f"{sent} messages to a selection")


EXPORT = {
    "subject_fr": "Mission export à Dakar : places ouvertes",
    "body_fr": (
        "Bonjour,\n\nUne mission de prospection à Dakar est organisée le mois prochain. "
        "Votre startup fait partie des startups invitées : répondez à ce message pour "
        "réserver une place.\n\nLa direction du réseau"
    ),
}


def _to_selected_startups(ctx: DemoContext) -> int:
    """The director ticked, in the directory, a few startups that have members."""
    director = ctx.users.get("network_admin")
    if director is None:
        return 0
    ids = list(
        Membership.objects.order_by("startup_id")
        .values_list("startup_id", flat=True)
        .distinct()[:4]
    )
    label, users = audiences.startups_members(director, ids)
    if not users.exists():
        return 0
    message_send(
        key="demo-message-startups",
        audience="startups",
        audience_label=label,
        texts=EXPORT,
        users=users,
        by=director,
    )
    return 1
