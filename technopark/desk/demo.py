"""Demo guichet unique: every open site's desks, services and agents, a month of slots and
appointments (done, no-show, coming, rated), a few cases, and the founder's appointment.

Past slots and appointments are history the services refuse to write (they refuse the
past), and seeding must send no e-mail, so rows are written directly with their counters.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils import timezone

from technopark.accounts.services import role_grant, user_upsert
from technopark.core.demo import DemoContext
from technopark.desk.catalogue import DESKS, SERVICES
from technopark.desk.demo_files import seed_files
from technopark.desk.models import Appointment, Case, Desk, Service, Slot
from technopark.desk.services import CASABLANCA
from technopark.hosting.selectors import leases_active_on
from technopark.network.models import Site
from technopark.surveys.models import SatisfactionAnswer
from technopark.surveys.services import satisfaction_bulk_record

AGENTS = [
    "Hind Berrada",
    "Mehdi Lahlou",
    "Sanaa Idrissi",
    "Anas Bouzid",
    "Meryem Fassi",
    "Hamza Kettani",
    "Loubna Sqalli",
    "Reda Benjelloun",
    "Kenza Alami",
    "Yassine Naciri",
]
OUTCOMES = {
    "ompic": ["Certificat négatif délivré", "Dossier de marque déposé", "Dépôt RC transmis"],
    "anapec": ["Contrat Idmaj signé", "Dossier Tahfiz complet", "Plan Taehil validé"],
    "cnss": ["Affiliation enregistrée", "Salariés immatriculés"],
    "cimr": ["Adhésion enregistrée"],
    "legalisation": ["Signatures légalisées", "Copies certifiées"],
    "insurance": ["Devis remis", "Contrat souscrit"],
    "accountant": ["Conseil donné, suivi proposé", "Déclaration préparée"],
    "bank": ["Compte ouvert", "Dossier de financement constitué"],
}
CASE_TITLES = {"ompic": "Dépôt de marque", "anapec": "Recrutements Tahfiz", "bank": "Financement"}


def setup_desks(site: Site) -> list[Desk]:
    """The site's guichet unique from the catalogue (idempotent, by desk code)."""
    desks = []
    for kind, partner, (fr, ar, en), location in DESKS:
        code = f"{site.code}-{kind.upper()}"
        desk, _ = Desk.objects.get_or_create(
            code=code, defaults={"site": site, "partner": partner, "name": fr}
        )
        desk.kind, desk.name, desk.name_ar, desk.name_en = kind, fr, ar, en
        desk.location = desk.location or location
        desk.save()
        for scode, (nfr, nar, nen), docs, price, (dfr, dar, den) in SERVICES[kind]:
            Service.objects.update_or_create(
                desk=desk,
                code=scode,
                defaults={
                    "name_fr": nfr,
                    "name_ar": nar,
                    "name_en": nen,
                    "price_mad": price,
                    "documents_fr": "\n".join(d[0] for d in docs),
                    "documents_ar": "\n".join(d[1] for d in docs),
                    "documents_en": "\n".join(d[2] for d in docs),
                    "delay_fr": dfr,
                    "delay_ar": dar,
                    "delay_en": den,
                },
            )
        desks.append(desk)
    return desks


def _slots(desk: Desk, days: list[dt.date], rng) -> list[Slot]:
    slots = []
    for day in days:
        for minutes in range(0, 180, 30):
            start = dt.datetime.combine(day, dt.time(9), tzinfo=CASABLANCA) + dt.timedelta(
                minutes=minutes
            )
            slots.append(
                Slot(
                    desk=desk,
                    starts_at=start,
                    ends_at=start + dt.timedelta(minutes=30),
                    capacity=rng.choice([1, 1, 2]),
                )
            )
    return slots


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    sites = [s for s in Site.objects.order_by("opened_on") if s.status_on(ctx.today) == "open"]
    if ctx.small:
        sites = sites[:2]
    span = range(-7, 6) if ctx.small else range(-24, 8)
    days = [ctx.today + dt.timedelta(days=n) for n in span]
    days = [d for d in days if d.weekday() < 5]
    now = timezone.now()
    agent_names = iter(AGENTS * 10)
    all_desks, appointments, answers = [], [], []
    for site in sites:
        residents = list(
            leases_active_on(ctx.today).filter(site=site).values_list("startup_id", flat=True)
        )
        for desk in setup_desks(site):
            all_desks.append(desk)
            if desk.code == "CASA-OMPIC" and "desk_agent" in ctx.users:
                agent = ctx.users["desk_agent"]
            else:
                name = next(agent_names)
                first, last = name.lower().split(" ", 1)
                agent, _ = user_upsert(
                    email=f"{first}.{last.replace(' ', '')}.{desk.code.lower()}@demo.technopark.ma",
                    full_name=name,
                )
            role_grant(user=agent, kind="desk_agent", desk=desk)
            Slot.objects.filter(desk=desk, starts_at__date__in=days).delete()
            slots = Slot.objects.bulk_create(_slots(desk, days, rng))
            if not residents:
                continue
            services_ = list(desk.services.all())
            busy = 0.45 if desk.kind in ("ompic", "cnss", "legalisation") else 0.2
            for slot in slots:
                past = slot.starts_at < now
                for _seat in range(slot.capacity):
                    if rng.random() > busy:
                        continue
                    # Today's appointments wait for the agent to mark them; a few of the
                    # last days' were left unmarked, so the agent's page has some to catch up.
                    status = "booked"
                    if past and slot.starts_at.date() != ctx.today:
                        recent = (ctx.today - slot.starts_at.date()).days <= 5
                        weights = [80, 10, 6, 4] if recent else [84, 10, 6, 0]
                        status = rng.choices(["done", "no_show", "cancelled", "booked"], weights)[0]
                    rating = None
                    if status == "done" and rng.random() < 0.6:
                        rating = rng.choices([5, 4, 3, 2], [55, 35, 7, 3])[0]
                    appointment = Appointment(
                        slot=slot,
                        service=rng.choice(services_),
                        startup_id=rng.choice(residents),
                        status=status,
                        rating=rating,
                        outcome=rng.choice(OUTCOMES[desk.kind]) if status == "done" else "",
                    )
                    appointment.lead = dt.timedelta(
                        days=rng.randint(1, 10), hours=rng.randint(0, 8)
                    )
                    appointments.append(appointment)
    # One startup books a slot once; drop draws that repeat a (slot, startup).
    seen, unique = set(), []
    for a in appointments:
        if (a.slot_id, a.startup_id) not in seen:
            seen.add((a.slot_id, a.startup_id))
            unique.append(a)
    Appointment.objects.bulk_create(unique)
    for a in unique:
        a.created_at = a.slot.starts_at - a.lead
        if a.status != "booked":
            a.handled_at = a.slot.starts_at + dt.timedelta(minutes=20)
        if a.rating:
            answers.append(
                SatisfactionAnswer(
                    startup_id=a.startup_id,
                    answered_on=timezone.localdate(a.slot.starts_at),
                    score=a.rating,
                    channel="desk",
                    subject=a.slot.desk.code,
                )
            )
    Appointment.objects.bulk_update(unique, ["created_at", "handled_at"], batch_size=500)
    satisfaction_bulk_record(rows=answers, ignore_conflicts=True)
    live = [a for a in unique if a.status != "cancelled"]
    counts = {}
    for a in live:
        counts[a.slot_id] = counts.get(a.slot_id, 0) + 1
    Slot.objects.bulk_update(
        [Slot(pk=pk, booked=n) for pk, n in counts.items()], ["booked"], batch_size=500
    )
    cases = _cases(unique, rng)
    _founder(ctx, all_desks)
    across = seed_files(ctx, all_desks)
    ctx.log(
        f"{len(all_desks)} desks at {len(sites)} sites, {len(unique)} appointments, "
        f"{len(answers)} ratings, {cases} cases, {across}"
    )


def _cases(appointments: list[Appointment], rng) -> int:
    """Matters that took several visits: a trademark, Tahfiz hires, a financing file."""
    by_matter: dict[tuple, list[Appointment]] = {}
    for a in appointments:
        kind = a.slot.desk.kind
        if a.status == "done" and kind in CASE_TITLES:
            by_matter.setdefault((a.slot.desk_id, a.startup_id, kind), []).append(a)
    made = 0
    for (desk_id, startup_id, kind), visits in by_matter.items():
        if len(visits) < 2:
            continue
        visits.sort(key=lambda a: a.slot.starts_at)
        closed = rng.random() < 0.6
        case = Case.objects.create(
            desk_id=desk_id,
            startup_id=startup_id,
            title=CASE_TITLES[kind],
            status="closed" if closed else "open",
            closed_at=visits[-1].slot.starts_at + dt.timedelta(days=rng.randint(1, 6))
            if closed
            else None,
        )
        Case.objects.filter(pk=case.pk).update(opened_at=visits[0].slot.starts_at)
        Appointment.objects.filter(pk__in=[a.pk for a in visits]).update(case=case)
        made += 1
    return made


def _founder(ctx: DemoContext, desks: list[Desk]) -> None:
    """The founder login has a coming appointment at the OMPIC desk and a rated past one."""
    founder = ctx.users.get("founder")
    if founder is None or not desks:
        return
    startup = founder.memberships.first().startup if founder.memberships.exists() else None
    if startup is None:
        return
    desk = next((d for d in desks if d.code == "CASA-OMPIC"), desks[0])
    coming = (
        desk.slots.filter(starts_at__gt=timezone.now(), booked__lt=F("capacity"))
        .order_by("starts_at")
        .first()
    )
    if coming and not Appointment.objects.filter(startup=startup, slot=coming).exists():
        # Written directly, like the rest of the demo, so seeding sends no e-mail.
        Appointment.objects.create(
            slot=coming,
            service=desk.services.get(code="depot-marque"),
            startup=startup,
            note="Marque verbale et logo, classes 9 et 42",
            booked_by=founder,
        )
        Slot.objects.filter(pk=coming.pk).update(booked=F("booked") + 1)
    past = (
        desk.slots.filter(starts_at__lt=timezone.now(), booked__lt=F("capacity"))
        .exclude(appointments__startup=startup)  # one appointment per slot and startup
        .last()
    )
    if past:
        Appointment.objects.create(
            slot=past,
            service=desk.services.get(code="certificat-negatif"),
            startup=startup,
            booked_by=founder,
            status="done",
            outcome="Certificat négatif délivré",
            handled_at=past.starts_at + dt.timedelta(minutes=20),
        )
        Slot.objects.filter(pk=past.pk).update(booked=F("booked") + 1)
