"""Demo: the Casablanca site manager wrote to the site's residents (in French and Arabic)
about the water cut, and to the late payers; each message lists its recipients, their
language and what became of the e-mail."""

from __future__ import annotations

from technopark.core.demo import DemoContext
from technopark.messaging import audiences
from technopark.messaging.services import message_send
from technopark.network.models import Site

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
    ctx.log(f"{sent} messages to a selection")
