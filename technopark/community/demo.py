"""Demo community life: past and coming events at every open site, with registrations,
waiting lists and check-ins; the sites' amenities with their (Ramadan) hours; the
founder's registrations; on public events, registration questions and a few guests
(visitors without an account), with their answers. Rows are written directly so seeding
sends no e-mail."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.accounts.services import user_upsert
from technopark.community.models import (
    Amenity,
    Answer,
    Event,
    OpeningHours,
    Question,
    RamadanPeriod,
    Registration,
)
from technopark.core.demo import DemoContext
from technopark.desk.services import CASABLANCA
from technopark.network.models import Site

EVENTS = [
    ("workshop", "Atelier : rédiger son pitch deck", "Salle de conférence A"),
    ("workshop", "Atelier : protéger sa marque avec l'OMPIC", "Salle de formation 2"),
    ("training", "Formation : comptabilité pour non-comptables", "Salle de formation 1"),
    ("training", "Formation : conformité CNDP et loi 09-08", "Salle de formation 2"),
    ("sport", "Tournoi de football inter-startups", "Terrain de sport"),
    ("sport", "Séance de yoga du jeudi", "Espace bien-être"),
    ("culture", "Soirée cinéma : films marocains", "Espace culturel"),
    ("culture", "Exposition : jeunes photographes", "Hall d'entrée"),
    ("creative", "Atelier calligraphie arabe", "Espace culturel"),
    ("creative", "Hackathon design : l'e-administration", "Open space"),
    ("demo_day", "Demo Day : promotion START", "Auditorium"),
    ("networking", "Afterwork des résidents", "Restaurant"),
    ("networking", "Rencontre investisseurs Innov Invest", "Auditorium"),
]
# The events' titles in Arabic and English (French is their source).
EVENT_TITLES = {
    "Atelier : rédiger son pitch deck": (
        "ورشة: كتابة عرض المشروع",
        "Workshop: writing your pitch deck",
    ),
    "Atelier : protéger sa marque avec l'OMPIC": (
        "ورشة: حماية علامتك التجارية مع OMPIC",
        "Workshop: protecting your trademark with OMPIC",
    ),
    "Formation : comptabilité pour non-comptables": (
        "تكوين: المحاسبة لغير المحاسبين",
        "Training: accounting for non-accountants",
    ),
    "Formation : conformité CNDP et loi 09-08": (
        "تكوين: الامتثال للجنة الوطنية لحماية المعطيات والقانون 09-08",
        "Training: CNDP and law 09-08 compliance",
    ),
    "Tournoi de football inter-startups": (
        "دوري كرة القدم بين المقاولات الناشئة",
        "Inter-startup football tournament",
    ),
    "Séance de yoga du jeudi": ("حصة اليوغا يوم الخميس", "Thursday yoga session"),
    "Soirée cinéma : films marocains": (
        "أمسية سينمائية: أفلام مغربية",
        "Film night: Moroccan films",
    ),
    "Exposition : jeunes photographes": ("معرض: مصورون شباب", "Exhibition: young photographers"),
    "Atelier calligraphie arabe": ("ورشة الخط العربي", "Arabic calligraphy workshop"),
    "Hackathon design : l'e-administration": (
        "هاكاثون التصميم: الإدارة الإلكترونية",
        "Design hackathon: e-government",
    ),
    "Demo Day : promotion START": ("يوم العرض: دفعة START", "Demo Day: START intake"),
    "Afterwork des résidents": ("لقاء المقيمين بعد العمل", "Residents' afterwork"),
    "Rencontre investisseurs Innov Invest": (
        "لقاء المستثمرين Innov Invest",
        "Innov Invest investors meeting",
    ),
}
DESCRIPTION = (
    "Animé par l'équipe du technopark et ses partenaires.",
    "ينشطه فريق التكنوبارك وشركاؤه.",
    "Led by the technopark's team and its partners.",
)
AUDIENCE = {"sport": "residents", "demo_day": "public", "culture": "public"}
PEOPLE = [
    "Aya Benali",
    "Ilyas Mansouri",
    "Salma Ouali",
    "Adam Cherkaoui",
    "Nour El Idrissi",
    "Zakaria Haddad",
    "Imane Tahiri",
    "Othmane Rami",
    "Sara Belkadi",
    "Walid Amrani",
    "Rania Zniber",
    "Younes Karam",
    "Lina Sebti",
    "Ayoub Filali",
    "Chaimae Lazrak",
    "Bilal Guessous",
    "Ghita Benkirane",
    "Soufiane Daoudi",
    "Hiba Mernissi",
    "Amine Sefrioui",
    "Yousra Kabbaj",
    "Taha Berrechid",
    "Nada Chami",
    "Ismail Ouazzani",
]
# Visitors without an account who register to public events: name, e-mail, language.
GUESTS = [
    ("Karim Bennani", "karim.bennani@example.org", "fr"),
    ("Fatima Zahra Idrissi", "fz.idrissi@example.org", "ar"),
    ("Hamza Tazi", "hamza.tazi@example.org", "fr"),
    ("Meryem Alami", "meryem.alami@example.org", "en"),
    ("Omar Chraibi", "omar.chraibi@example.org", "ar"),
]
# label, kind, options, required
QUESTIONS = [
    ("Votre structure (startup, université, entreprise)", "text", "", True),
    ("Repas", "choice", "Standard\nVégétarien\nSans gluten", False),
    ("Acceptez-vous d'être photographié(e) ?", "yes_no", "", True),
]
STRUCTURES = ["Université Hassan II", "Atlas Digital", "Indépendant(e)", "ENSIAS", "OCP Group"]

# kind, name (fr, ar, en), location, (usual hours, Ramadan hours or None), weekdays, phone
AMENITIES = [
    (
        "restaurant",
        ("Restaurant Le Patio", "مطعم الباحة", "Le Patio restaurant"),
        "Rez-de-chaussée",
        ((dt.time(8), dt.time(17)), (dt.time(19, 30), dt.time(23))),
        range(6),
        "0522 00 11 22",
    ),
    (
        "cafe",
        ("Café des startups", "مقهى المقاولات الناشئة", "Startups' café"),
        "Hall d'entrée",
        ((dt.time(7, 30), dt.time(19)), (dt.time(9), dt.time(16))),
        range(6),
        "",
    ),
    (
        "culture",
        ("Espace culturel", "الفضاء الثقافي", "Culture space"),
        "1er étage",
        ((dt.time(10), dt.time(20)), (dt.time(10), dt.time(16))),
        range(6),
        "",
    ),
    (
        "gaming",
        ("Salle de jeux", "قاعة الألعاب", "Gaming room"),
        "Sous-sol",
        ((dt.time(12), dt.time(21)), (dt.time(21), dt.time(23, 59))),
        range(7),
        "",
    ),
    (
        "bank",
        ("Agence bancaire", "الوكالة البنكية", "Bank branch"),
        "Hall d'entrée",
        ((dt.time(8, 15), dt.time(16, 15)), (dt.time(9), dt.time(14))),
        range(5),
        "0522 00 33 44",
    ),
    (
        "atm",
        ("Guichet automatique", "الشباك الآلي", "ATM"),
        "Entrée principale",
        None,
        range(7),
        "",
    ),
    (
        "workspace",
        ("Espace de coworking", "فضاء العمل المشترك", "Coworking space"),
        "2e étage",
        ((dt.time(8), dt.time(22)), (dt.time(9), dt.time(18))),
        range(7),
        "",
    ),
    (
        "sports",
        ("Salle de sport", "قاعة الرياضة", "Gym"),
        "Sous-sol",
        ((dt.time(7), dt.time(21)), (dt.time(20, 30), dt.time(23, 30))),
        range(6),
        "",
    ),
]
RAMADAN = [(dt.date(2026, 2, 18), dt.date(2026, 3, 19)), (dt.date(2027, 2, 8), dt.date(2027, 3, 9))]


def seed_amenities(site: Site) -> int:
    if site.amenities.exists():
        return 0
    for order, (kind, (fr, ar, en), where, hours, days, phone) in enumerate(AMENITIES):
        amenity = Amenity.objects.create(
            site=site,
            kind=kind,
            name_fr=fr,
            name_ar=ar,
            name_en=en,
            location=where,
            phone=phone,
            always_open=hours is None,
            order=order,
        )
        if hours is None:
            continue
        (opens, closes), (r_opens, r_closes) = hours
        OpeningHours.objects.bulk_create(
            [OpeningHours(amenity=amenity, weekday=d, opens=opens, closes=closes) for d in days]
            + [
                OpeningHours(
                    amenity=amenity, weekday=d, opens=r_opens, closes=r_closes, ramadan=True
                )
                for d in days
            ]
        )
    return len(AMENITIES)


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    for start, end in RAMADAN:
        RamadanPeriod.objects.get_or_create(starts_on=start, ends_on=end)
    sites = [s for s in Site.objects.order_by("opened_on") if s.status_on(ctx.today) == "open"]
    if ctx.small:
        sites = sites[:2]
    people = [
        user_upsert(
            email=f"{n.split()[0].lower()}.{n.split()[-1].lower()}@demo.technopark.ma",
            full_name=n,
        )[0]
        for n in (PEOPLE[:12] if ctx.small else PEOPLE)
    ]
    staff = ctx.users.get("site_manager")
    founder = ctx.users.get("founder")
    now = timezone.now()
    events, registrations = 0, 0
    for site in sites:
        seed_amenities(site)
        offsets = list(range(-80, 0, 9)) + list(range(2, 45, 6))
        for offset in offsets:
            kind, title, where = rng.choice(EVENTS)
            day = ctx.today + dt.timedelta(days=offset)
            start = dt.datetime.combine(day, dt.time(rng.choice([10, 14, 17, 18])), CASABLANCA)
            event = Event.objects.create(
                site=site,
                title=title,
                title_ar=EVENT_TITLES[title][0],
                title_en=EVENT_TITLES[title][1],
                kind=kind,
                location=where,
                audience=AUDIENCE.get(kind, "network"),
                description=DESCRIPTION[0],
                description_ar=DESCRIPTION[1],
                description_en=DESCRIPTION[2],
                starts_at=start,
                ends_at=start + dt.timedelta(hours=rng.choice([2, 3])),
                capacity=rng.choice([8, 10, 12, 20, 30]),
                requires_approval=kind == "demo_day",
                registration_deadline=start - dt.timedelta(hours=12),
                created_by=staff,
            )
            events += 1
            registrations += _register(event, people, rng, past=start < now)
            if event.audience == "public":
                registrations += _guests(event, rng, past=start < now)
    events += _cohort_event(ctx, founder, staff)
    for person in (founder, ctx.users.get("expert")):
        if person is not None:
            _tickets(person, now)
    ctx.log(f"{events} events, {registrations} registrations, amenities at {len(sites)} sites")


def _cohort_event(ctx, founder, staff) -> int:
    """A masterclass reserved for the founder's program cohort at its site."""
    from technopark.programs.models import Enrollment

    enrollment = (
        Enrollment.objects.filter(startup__memberships__user=founder, ended_on__isnull=True)
        .select_related("program", "site")
        .first()
        if founder
        else None
    )
    if enrollment is None:
        return 0
    day = ctx.today + dt.timedelta(days=12)
    start = dt.datetime.combine(day, dt.time(15), CASABLANCA)
    Event.objects.create(
        site=enrollment.site,
        title="Masterclass levée de fonds — réservée à la promotion",
        title_ar="درس متقدم في جمع التمويل — خاص بالدفعة",
        title_en="Fundraising masterclass — for the cohort only",
        kind="training",
        audience="cohort",
        cohort_program=enrollment.program,
        cohort_site=enrollment.site,
        description="Deux heures avec un investisseur d'amorçage : préparer la data room et le pitch.",
        description_ar="ساعتان مع مستثمر في مرحلة التأسيس: تحضير غرفة البيانات والعرض.",
        description_en="Two hours with a seed investor: preparing the data room and the pitch.",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=25,
        registration_deadline=start - dt.timedelta(hours=12),
        created_by=staff,
    )
    return 1


def _register(event: Event, people, rng, *, past: bool) -> int:
    crowd = rng.sample(
        people, k=min(len(people), rng.randint(event.capacity // 2, event.capacity + 4))
    )
    rows, confirmed = [], 0
    for person in crowd:
        if confirmed < event.capacity:
            status, confirmed = "confirmed", confirmed + 1
        else:
            status = "waitlisted"
        came = past and status == "confirmed" and rng.random() < 0.78
        rows.append(
            Registration(
                event=event,
                user=person,
                status=status,
                checked_in_at=event.starts_at + dt.timedelta(minutes=rng.randint(-10, 25))
                if came
                else None,
            )
        )
    Registration.objects.bulk_create(rows)
    Event.objects.filter(pk=event.pk).update(confirmed=confirmed)
    return len(rows)


def _guests(event: Event, rng, *, past: bool) -> int:
    """The event's questions, and two or three guests with their answers: seated while
    seats last, else waiting; for a coming event, one has not yet confirmed their e-mail."""
    questions = [
        Question.objects.create(
            event=event, label=label, kind=kind, options=options, required=required, order=i
        )
        for i, (label, kind, options, required) in enumerate(QUESTIONS, start=1)
    ]
    event.refresh_from_db(fields=["confirmed"])
    confirmed = event.confirmed
    guests = rng.sample(GUESTS, k=rng.randint(2, 3))
    rows = []
    for i, (name, email, language) in enumerate(guests):
        if not past and i == len(guests) - 1:
            status = "unconfirmed"
        elif event.requires_approval and not past:
            status = "pending"
        elif confirmed < event.capacity:
            status, confirmed = "confirmed", confirmed + 1
        else:
            status = "waitlisted"
        came = past and status == "confirmed" and rng.random() < 0.7
        rows.append(
            Registration(
                event=event,
                guest_name=name,
                guest_email=email,
                language=language,
                status=status,
                checked_in_at=event.starts_at + dt.timedelta(minutes=rng.randint(-5, 20))
                if came
                else None,
            )
        )
    Registration.objects.bulk_create(rows)
    Event.objects.filter(pk=event.pk).update(confirmed=confirmed)
    Answer.objects.bulk_create(
        Answer(registration=r, question=q, value=value)
        for r in rows
        for q, value in (
            (questions[0], rng.choice(STRUCTURES)),
            (questions[1], rng.choice(["Standard", "Végétarien", ""])),
            (questions[2], rng.choice(["yes", "yes", "no"])),
        )
        if value
    )
    return len(rows)


def _tickets(founder, now) -> None:
    """The person (the founder, the expert) holds a ticket to a coming event, waits for a
    full one, and came to one: their personal calendar shows each."""
    coming = Event.objects.filter(starts_at__gt=now, requires_approval=False).order_by("starts_at")
    with_seat = next((e for e in coming if e.confirmed < e.capacity), None)
    full = next((e for e in coming if e.confirmed >= e.capacity and e != with_seat), None)
    if full is None:  # no coming event is full on this day: the fullest becomes so
        fuller = sorted(
            (e for e in coming if e != with_seat and e.confirmed > 0),
            key=lambda e: e.confirmed / e.capacity,
        )
        if fuller:
            full = fuller[-1]
            Event.objects.filter(pk=full.pk).update(capacity=full.confirmed)
            full.capacity = full.confirmed
    past = next(
        (
            e
            for e in Event.objects.filter(ends_at__lt=now).order_by("-starts_at")
            if e.confirmed < e.capacity
        ),
        None,
    )
    for event, status in ((with_seat, "confirmed"), (full, "waitlisted"), (past, "confirmed")):
        if event is None or event.registrations.filter(user=founder).exists():
            continue
        if status == "confirmed" and event.confirmed >= event.capacity:
            status = "waitlisted"
        Registration.objects.create(
            event=event,
            user=founder,
            status=status,
            checked_in_at=event.starts_at + dt.timedelta(minutes=5)
            if event == past and status == "confirmed"
            else None,
        )
        if status == "confirmed":
            Event.objects.filter(pk=event.pk).update(confirmed=event.confirmed + 1)
