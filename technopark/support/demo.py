"""Demo: experts, service requests at every stage, opportunities, and a GIE for a tender."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from technopark.core.demo import DemoContext
from technopark.core.errors import DomainError
from technopark.network.models import Site
from technopark.programs.tasks import quiet
from technopark.startups.models import Membership, Startup
from technopark.support import services
from technopark.support.demo_slots import seed_slots
from technopark.support.models import (
    Expert,
    ExpertSession,
    Opportunity,
    Participation,
    ServiceRequest,
    SlaTarget,
)
from technopark.support.selectors import period_of

EXPERTS = [
    # name, e-mail, skills, sectors, languages, headline
    (
        "Karim Alaoui",
        None,
        "levée de fonds, valorisation, pacte d'associés, pricing SaaS",
        "Fintech, SaaS",
        "fr, ar, en",
        "Ancien investisseur en capital-risque",
    ),
    (
        "Leila Bennis",
        "leila.bennis@demo-expert.ma",
        "droit des sociétés, propriété intellectuelle, OMPIC, contrats",
        "Santé, Edtech",
        "fr, ar",
        "Avocate d'affaires au barreau de Casablanca",
    ),
    (
        "Hassan Filali",
        "hassan.filali@demo-expert.ma",
        "irrigation, agronomie, coopératives, export Afrique",
        "Agritech, Cleantech",
        "fr, ar",
        "Ingénieur agronome, 20 ans de terrain",
    ),
    (
        "Sofia Lahlou",
        "sofia.lahlou@demo-expert.ma",
        "marketing digital, growth, réseaux sociaux, branding",
        "E-commerce, Médias, Tourisme",
        "fr, en",
        "Directrice marketing d'une scale-up",
    ),
    (
        "Driss Naciri",
        "driss.naciri@demo-expert.ma",
        "architecture cloud, cybersécurité, recrutement tech",
        "Cybersécurité, SaaS",
        "fr, en",
        "CTO et mentor",
    ),
    (
        "Nawal Squalli",
        "nawal.squalli@demo-expert.ma",
        "export, douane, salons internationaux, Afrique de l'Ouest",
        "Logistique, Industrie",
        "fr, ar, en",
        "Consultante en internationalisation",
    ),
]
NEEDS = [
    (
        "network",
        "Préparer notre levée d'amorçage",
        "Nous voulons lever 3 MDH : valorisation et pacte d'associés.",
    ),
    ("network", "Protéger notre marque", "Dépôt de marque à l'OMPIC et contrats clients."),
    ("network", "Accélérer l'acquisition", "Besoin d'un plan marketing digital et growth."),
    ("financing", "Dossier Innov Start", "Subvention pour finaliser le prototype."),
    ("financing", "Prêt Intelaka", "Financer le fonds de roulement."),
    ("market", "Stand au GITEX Africa", "Nous souhaitons exposer avec le Technopark."),
]


def _experts(ctx: DemoContext) -> list[Expert]:
    experts = []
    for name, email, skills, sectors, langs, headline in EXPERTS:
        if email is None:
            user = ctx.users.get("expert")
            if user is None:
                continue
            email = user.email
        experts.append(
            services.expert_upsert(
                email=email,
                full_name=name,
                skills=skills,
                sectors=sectors,
                languages=langs,
                availability="Mardi et jeudi après-midi",
                headline=headline,
                by=None,
            )
        )
    return experts


def _request_at_stage(ctx, startup, k: int, officer, experts) -> ServiceRequest:
    family, title, text = NEEDS[k % len(NEEDS)]
    item = services.request_create(
        startup=startup,
        family=family,
        title=title,
        text=text,
        instrument={"Dossier Innov Start": "innov_start", "Prêt Intelaka": "intelaka"}.get(
            title, ""
        ),
        amount_requested=Decimal("200000") if family == "financing" else None,
        by=None,
    )
    age = 2 + (k * 5) % 40
    ServiceRequest.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - dt.timedelta(days=age)
    )
    item.refresh_from_db()
    stage = k % 4  # 0 new, 1 answered, 2 in progress with an expert, 3 closed and rated
    if stage == 0:
        return item
    services.request_message(
        request=item,
        text="Bonjour, je prends votre demande. Pouvez-vous m'envoyer votre deck ?",
        staff=True,
        by=officer,
    )
    ServiceRequest.objects.filter(pk=item.pk).update(
        first_answered_at=item.created_at + dt.timedelta(hours=6 + k * 7 % 60)
    )
    if family == "network" and stage >= 2 and experts:
        expert = experts[k % len(experts)]
        start = timezone.now() + dt.timedelta(days=3 + k % 5)
        session = services.session_book(
            request=item,
            expert=expert,
            starts_at=start.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=k % 6),
            hours=Decimal("2"),
            by=officer,
        )
        # The expert's answer: most accept, one in five declines, some are still to answer.
        answer = k % 5
        if stage == 3 or answer in (1, 2, 3):
            services.session_answer(session=session, accept=True, by=expert.user)
        elif answer == 4:
            services.session_answer(
                session=session,
                accept=False,
                reason="Je suis en déplacement cette semaine-là ; proposez un autre créneau.",
                by=expert.user,
            )
        if stage == 3:
            ExpertSession.objects.filter(pk=session.pk).update(
                starts_at=timezone.now() - dt.timedelta(days=age // 2 + 1)
            )
            session.refresh_from_db()
            services.session_record(
                session=session,
                notes="Revue du deck et de la valorisation ; trois investisseurs à contacter.",
                held=True,
                by=None,
            )
            services.session_rate(session=session, score=ctx.rng.choice([4, 5, 5, 3]), by=None)
    if stage == 3:
        try:
            if family == "financing":
                services.request_close(
                    request=item,
                    outcome="obtained",
                    amount=Decimal(ctx.rng.choice([100000, 150000, 200000])),
                    obtained_on=ctx.today - dt.timedelta(days=3),
                    by=officer,
                )
            else:
                services.request_close(request=item, outcome="done", by=officer)
            services.request_rate(request=item, score=ctx.rng.choice([3, 4, 5, 5]), by=None)
        except DomainError:
            pass
    return item


def _opportunities(ctx: DemoContext, casa, officer, startups) -> Opportunity:
    today = ctx.today
    rows = [
        (
            "trade_fair",
            "GITEX Africa — pavillon Technopark",
            "GITEX / ADD",
            "Marrakech",
            60,
            3,
            30,
            Decimal("0"),
            8,
        ),
        (
            "trade_fair",
            "VivaTech — délégation marocaine",
            "VivaTech / AMDIE",
            "Paris",
            150,
            4,
            45,
            Decimal("15000"),
            5,
        ),
        (
            "acceleration",
            "Programme d'accélération Orange Fab Maroc",
            "Orange",
            "Casablanca",
            40,
            90,
            20,
            Decimal("0"),
            4,
        ),
        (
            "visibility",
            "Vitrine des startups sur la plateforme Maroc PME",
            "Maroc PME",
            "En ligne",
            10,
            365,
            15,
            Decimal("0"),
            None,
        ),
        (
            "trade_fair",
            "Salon Solaire Expo Maroc",
            "AMEE",
            "Casablanca",
            -40,
            3,
            -60,
            Decimal("5000"),
            6,
        ),
    ]
    past = None
    for kind, title, organiser, place, in_days, length, deadline, cost, places in rows:
        opportunity = services.opportunity_publish(
            data={
                "kind": kind,
                "title": title,
                "organiser": organiser,
                "place": place,
                "starts_on": today + dt.timedelta(days=in_days),
                "ends_on": today + dt.timedelta(days=in_days + length),
                "deadline": today + dt.timedelta(days=deadline),
                "cost_mad": cost,
                "places": places,
                "description": "Sélection sur dossier ; stand et accompagnement pris en charge par le réseau.",
                "site": None,
            },
            by=officer,
        )
        for s in startups[: (places or 4) + 2]:
            Participation.objects.create(
                opportunity=opportunity,
                startup=s,
                motivation="Rencontrer des clients et des distributeurs.",
            )
        if deadline < 0:
            past = opportunity
    if past is not None:
        for i, p in enumerate(past.participations.all()):
            p = services.participation_select(
                participation=p, selected=i < (past.places or 3), by=officer
            )
            if i < (past.places or 3):
                services.participation_result(
                    participation=p,
                    data={
                        "attended": True,
                        "contacts": ctx.rng.randint(5, 40),
                        "contracts": ctx.rng.randint(0, 3),
                        "contracts_mad": Decimal(ctx.rng.randint(0, 8) * 50000),
                        "export_countries": ctx.rng.choice(["", "SN", "CI, SN", "FR"]),
                        "result_notes": "Contacts qualifiés avec des distributeurs.",
                    },
                    by=officer,
                )
    tender = services.opportunity_publish(
        data={
            "kind": "tender",
            "title": "Appel d'offres — plateforme de e-services de la commune de Casablanca",
            "organiser": "Commune de Casablanca",
            "place": "Casablanca",
            "starts_on": None,
            "ends_on": None,
            "deadline": today + dt.timedelta(days=25),
            "cost_mad": Decimal("0"),
            "places": None,
            "description": "Lot unique ; les groupements de TPE innovantes sont encouragés.",
            "site": casa,
        },
        by=officer,
    )
    services.opportunity_publish(
        data={
            "kind": "call_projects",
            "title": "Appel à projets — IA pour l'agriculture (ADA)",
            "organiser": "Agence pour le Développement Agricole",
            "place": "Rabat",
            "starts_on": None,
            "ends_on": None,
            "deadline": today + dt.timedelta(days=50),
            "cost_mad": Decimal("0"),
            "places": None,
            "description": "Consortiums de startups et laboratoires bienvenus.",
            "site": None,
        },
        by=officer,
    )
    return tender


def _founder_sessions(ctx: DemoContext, startup: Startup, officer, experts) -> None:
    """The demo founder's expert sessions at each answer (one awaits the demo expert),
    within the hours its program grants per period (24 here, instead of the default 20)."""
    period = period_of(startup, ctx.today)
    if period is None or len(experts) < 2:
        return
    services.expert_hours_budget_set(program=period.program, hours=Decimal("24"), by=None)
    founder = ctx.users.get("founder")
    item = services.request_create(
        startup=startup,
        family="network",
        title="Stratégie de prix pour notre offre SaaS",
        text="Nous voulons revoir notre pricing SaaS et préparer la levée de fonds.",
        by=founder,
    )
    services.request_message(
        request=item,
        text="Deux experts correspondent : réservez une séance avec l'un d'eux.",
        staff=True,
        by=officer,
    )
    base = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    plan = [
        (experts[0], 4, 15, None),  # awaits the demo expert's answer
        (experts[1], 6, 10, False),  # declined, with the reason
        (experts[0], 9, 10, True),  # accepted
    ]
    for expert, days, hour, accept in plan:
        session = _book_near(item, expert, base + dt.timedelta(days=days), hour, founder, ctx)
        if session is None:
            continue
        if accept is not None:
            services.session_answer(
                session=session,
                accept=accept,
                reason="" if accept else "Indisponible ce jour-là ; un autre créneau ?",
                by=expert.user,
            )


def _book_near(item, expert, day, hour: int, founder, ctx: DemoContext):
    """The session at `hour` on `day`, or the next free hour (the other demo sessions are
    placed from the clock's hour, so the wanted one may be taken on some runs)."""
    error = None
    for shift in range(12):
        starts_at = (day + dt.timedelta(days=shift // 4)).replace(hour=hour + shift % 4)
        try:
            return services.session_book(
                request=item, expert=expert, starts_at=starts_at, hours=Decimal("2"), by=founder
            )
        except DomainError as exc:  # Conflict included: the expert is booked then
            error = exc
    ctx.log(f"skipped a demo session: {error.message}")
    return None


def seed(ctx: DemoContext) -> None:
    with quiet(), services.silent():
        _seed(ctx)


def _seed(ctx: DemoContext) -> None:
    casa = Site.objects.filter(code="CASA").first() or Site.objects.order_by("pk").first()
    officer = ctx.users.get("program_officer")
    if casa is None or officer is None:
        ctx.log("no site or officer: services skipped")
        return
    for family, hours, days in (("market", 72, 45), ("financing", 48, 60), ("network", 48, 21)):
        SlaTarget.objects.update_or_create(
            family=family, defaults={"first_answer_hours": hours, "close_days": days}
        )
    experts = _experts(ctx)
    founder = ctx.users.get("founder")
    own_ids = (
        list(Membership.objects.filter(user=founder).values_list("startup_id", flat=True))
        if founder
        else []
    )
    startups = list(Startup.objects.filter(pk__in=own_ids)) + list(
        Startup.objects.filter(enrollments__site=casa, enrollments__ended_on__isnull=True)
        .exclude(pk__in=own_ids)
        .distinct()
        .order_by("ref")[: (8 if ctx.small else 30)]
    )
    count = 0
    for i, startup in enumerate(startups):
        for k in range(4 if i == 0 else 1 + i % 2):
            try:
                _request_at_stage(ctx, startup, i * 3 + k if i else k, officer, experts)
            except DomainError as exc:  # e.g. an expert already booked at that hour
                ctx.log(f"skipped a demo request: {exc.message}")
            count += 1
    if own_ids and startups:
        _founder_sessions(ctx, startups[0], officer, experts)
    slots_note = seed_slots(ctx, experts, startups)
    tender = _opportunities(ctx, casa, officer, startups)
    if len(startups) >= 3:
        services.grouping_form(
            kind="gie",
            name="GIE Casa e-Services",
            startups=startups[:3],
            lead=startups[0],
            formed_on=ctx.today - dt.timedelta(days=4),
            opportunity=tender,
            notes="Réponse commune : portail citoyen, paiement en ligne et hébergement sécurisé.",
            by=founder,
        )
    resident = _resident_outside_programs(ctx, casa)
    ctx.log(
        f"{len(experts)} experts, {count} service requests, {Opportunity.objects.count()} opportunities, 1 GIE, {slots_note}"
        + (f"; {resident} asks as a resident outside any program" if resident else "")
    )


def _resident_outside_programs(ctx: DemoContext, casa) -> str:
    """Casablanca opens its catalogue, waiting list and 6 expert hours a year to its
    residents outside any program (docs/experts.md); one of them asks for a service."""
    from technopark.hosting.selectors import leases_active_on
    from technopark.hosting.services import resident_access_set

    resident_access_set(
        site=casa,
        waiting_list=True,
        services=True,
        expert_hours_per_year=Decimal("6"),
        by=None,
    )
    lease = (
        leases_active_on(ctx.today)
        .filter(site=casa)
        .exclude(startup__enrollments__ended_on__isnull=True)
        .select_related("startup")
        .order_by("startup__ref")
        .first()
    )
    if lease is None:
        return ""
    member = Membership.objects.filter(startup=lease.startup).select_related("user").first()
    services.request_create(
        startup=lease.startup,
        family="market",
        title="Mise en relation avec des acheteurs de la grande distribution",
        text="Hébergés au technopark depuis deux ans, hors programme : nous cherchons des "
        "contacts chez Marjane et Label'Vie pour référencer notre application.",
        by=member.user if member else None,
    )
    return lease.startup.name
