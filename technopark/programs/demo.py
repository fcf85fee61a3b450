"""Demo: calls for applications (closed and decided, open, upcoming), reviews, plans."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from technopark.accounts.services import user_upsert
from technopark.core.demo import DemoContext
from technopark.network.models import Region, Site
from technopark.programs import services
from technopark.programs.models import (
    Answer,
    Application,
    ApplicationDocument,
    Call,
    CoachingSession,
    Criterion,
    Enrollment,
    Milestone,
    Plan,
    Program,
    Question,
    RequiredDocument,
)
from technopark.programs.notifications import quiet
from technopark.startups.models import Membership

FIRST = [
    "Salma",
    "Youssef",
    "Meryem",
    "Amine",
    "Hajar",
    "Othmane",
    "Kenza",
    "Mehdi",
    "Imane",
    "Hamza",
    "Sara",
    "Anas",
    "Nour",
    "Reda",
    "Ghita",
    "Ayoub",
    "Zineb",
    "Ilyas",
]
LAST = [
    "Bennani",
    "El Fassi",
    "Tazi",
    "Alaoui",
    "Berrada",
    "Chraibi",
    "Idrissi",
    "Lahlou",
    "Benjelloun",
    "Kettani",
    "Squalli",
    "Sefrioui",
    "Ouazzani",
    "Naciri",
    "Amrani",
]
PROJECTS = [
    ("AgriSense", "Agritech", "Capteurs connectés pour piloter l'irrigation des exploitations."),
    ("Dar Pay", "Fintech", "Paiement mobile pour les commerçants de proximité."),
    ("Tbib Now", "Healthtech", "Téléconsultation et prise de rendez-vous pour les cliniques."),
    ("Madrasa Plus", "Edtech", "Soutien scolaire en ligne en arabe et en français."),
    ("Souk Logistics", "Logistique", "Livraison du dernier kilomètre mutualisée à Casablanca."),
    ("Sahara Solar", "Cleantech", "Pompes solaires en location pour les petites exploitations."),
    ("Argan Data", "SaaS", "Traçabilité de la filière argan pour les coopératives."),
    ("Kitab Audio", "Médias", "Livres audio d'auteurs marocains en darija et en amazigh."),
    ("Fleet Maroc", "Mobilité", "Gestion de flottes de véhicules utilitaires."),
    ("CyberAtlas", "Cybersécurité", "Audit de sécurité automatisé pour les PME."),
    ("Rihla Tech", "Tourisme", "Réservation d'expériences chez l'habitant."),
    ("Bina BIM", "Construction", "Maquettes numériques pour les bureaux d'études."),
]
CRITERIA = [("Équipe", 3), ("Innovation", 2), ("Marché", 2), ("Faisabilité", 1)]


def _compose(call: Call) -> None:
    Question.objects.bulk_create(
        [
            Question(call=call, position=1, kind="long", label="Quel problème résolvez-vous ?"),
            Question(
                call=call,
                position=2,
                kind="choice",
                label="Stade du projet",
                choices="Idée\nPrototype\nPremières ventes",
            ),
            Question(
                call=call,
                position=3,
                kind="number",
                label="Chiffre d'affaires 2025 (MAD)",
                required=False,
            ),
            Question(
                call=call, position=4, kind="yesno", label="L'équipe est-elle à plein temps ?"
            ),
        ]
    )
    RequiredDocument.objects.create(call=call, position=1, label="Pitch deck (PDF)")
    RequiredDocument.objects.create(
        call=call, position=2, label="CV du porteur de projet", required=False
    )
    Criterion.objects.bulk_create(
        [
            Criterion(call=call, position=i, label=label, weight=w)
            for i, (label, w) in enumerate(CRITERIA)
        ]
    )


def _applicant(ctx: DemoContext, i: int):
    first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
    email = f"{first}.{last}.{i}".lower().replace(" ", "") + "@demo-candidat.ma"
    user, _ = user_upsert(
        email=email, full_name=f"{first} {last}", language=ctx.rng.choice(["fr", "fr", "ar", "en"])
    )
    return user


def _application(ctx, call, i, status, submitted_days_ago):
    name, sector, summary = PROJECTS[i % len(PROJECTS)]
    app = Application.objects.create(
        call=call,
        applicant=_applicant(ctx, i + call.pk * 100),
        status=status,
        project_name=name if i < len(PROJECTS) else f"{name} {i // len(PROJECTS) + 1}",
        summary=summary,
        sector=sector,
        city=call.site.city,
        region=call.site.region,
        founded_on=ctx.today - dt.timedelta(days=ctx.rng.randint(60, 900)),
        submitted_at=timezone.now() - dt.timedelta(days=submitted_days_ago)
        if status != "draft"
        else None,
    )
    for q in call.questions.all():
        value = {
            "long": summary,
            "choice": ctx.rng.choice(q.choice_list or [""]),
            "number": str(ctx.rng.randint(0, 40) * 10000),
            "yesno": ctx.rng.choice(["yes", "no"]),
        }.get(q.kind, "")
        Answer.objects.create(application=app, question=q, value=value)
    return app


def _score(ctx, application, reviewer, quality: int, submit: bool = True):
    assignment = services.reviewer_assign(application=application, reviewer=reviewer, by=reviewer)
    services.conflict_declare(
        application=application, person=reviewer, has_conflict=False, by=reviewer
    )
    scores = {
        c.pk: max(1, min(5, quality + ctx.rng.choice([-1, 0, 0, 1])))
        for c in application.call.criteria.all()
    }
    services.review_save(
        assignment=assignment, scores=scores, comment="", submit=submit, by=reviewer
    )


REASONS = {
    "admitted": "Équipe complémentaire, premiers clients pilotes et marché bien chiffré.",
    "waitlisted": "Projet prometteur ; le comité attend une validation du marché plus poussée.",
    "declined": "Le marché visé reste trop étroit et le prototype n'est pas encore testé.",
}
NEXT_STEPS = "Rendez-vous d'accueil avec votre chargée de programme la semaine prochaine."

# The call's decision letters, as a program officer writes them (French, Arabic, English).
LETTERS = {
    ("admitted", "fr"): (
        "Admission au programme : {call}",
        "Chère, cher {applicant},\n\nNous avons le plaisir de vous annoncer que {startup} "
        "est admis au programme {program} au {site}, à partir du {start_on}.\n\n"
        "Motifs du comité : {reasons}\n\nProchaines étapes : {next_steps}\n\n"
        "Le comité de sélection",
    ),
    ("admitted", "ar"): (
        "القبول في البرنامج: {call}",
        "السيد(ة) {applicant}،\n\nيسعدنا إخباركم بقبول {startup} في برنامج {program} "
        "بـ{site} ابتداءً من {start_on}.\n\nأسباب اللجنة: {reasons}\n\n"
        "الخطوات المقبلة: {next_steps}\n\nلجنة الانتقاء",
    ),
    ("admitted", "en"): (
        "Admitted to {call}",
        "Dear {applicant},\n\nWe are pleased to tell you that {startup} is admitted to "
        "{program} at {site}, from {start_on}.\n\nThe committee's reasons: {reasons}\n\n"
        "Next steps: {next_steps}\n\nThe selection committee",
    ),
    ("declined", "fr"): (
        "Votre candidature à {call}",
        "Chère, cher {applicant},\n\nAprès étude par le comité de sélection, {startup} "
        "n'est pas retenu cette fois-ci.\n\nMotifs du comité : {reasons}\n\n"
        "Nous vous encourageons à candidater aux prochains appels.\n\nLe comité de sélection",
    ),
    ("declined", "ar"): (
        "ترشيحكم لـ{call}",
        "السيد(ة) {applicant}،\n\nبعد دراسة ملفكم من طرف لجنة الانتقاء، لم يتم قبول "
        "{startup} هذه المرة.\n\nأسباب اللجنة: {reasons}\n\n"
        "نشجعكم على الترشح للنداءات المقبلة.\n\nلجنة الانتقاء",
    ),
    ("declined", "en"): (
        "Your application to {call}",
        "Dear {applicant},\n\nAfter study by the selection committee, {startup} is not "
        "admitted this time.\n\nThe committee's reasons: {reasons}\n\n"
        "You are welcome to apply to future calls.\n\nThe selection committee",
    ),
}


def _letters(call: Call, officer) -> None:
    for (decision, language), (subject, body) in LETTERS.items():
        services.letter_save(
            call=call,
            decision=decision,
            language=language,
            subject=subject,
            body=body,
            by=officer,
        )


def _committee(ctx, call: Call, officer, expert) -> None:
    """The open call's committee at work: a reviewer declares a conflict of interest, an
    applicant answered a request for more information."""
    submitted = list(call.applications.filter(status="submitted").order_by("pk"))
    if expert is not None:
        pending = [a for a in submitted if a.assignments.filter(reviewer=expert).exists()]
        if pending:
            services.conflict_declare(
                application=pending[-1],
                person=expert,
                has_conflict=True,
                note="Ancien associé du fondateur (2021–2023) dans une société de conseil.",
                by=expert,
            )
    # An application the officer has reviewed: asked for more, answered and resubmitted (the
    # others stay for this week's news: review requests and an interview).
    question = call.questions.order_by("position").first()
    pitch = call.documents.order_by("position").first()
    reviewed = [a for a in submitted if a.assignments.filter(reviewer=officer).exists()]
    for application in reviewed[:1]:
        # The pitch deck as first sent; version 1 keeps it when the new one replaces it.
        first = _pdf("Pitch deck - version 1")
        sent = ApplicationDocument(
            application=application,
            required_document=pitch,
            original_name="pitch-deck.pdf",
            content_type="application/pdf",
            size=len(first),
        )
        sent.file.save("pitch.pdf", ContentFile(first), save=True)
        services.info_request(
            application=application,
            message=(
                "Le comité souhaite mieux comprendre le problème que vous résolvez : citez vos "
                "premiers clients et le prix que vous comptez pratiquer."
            ),
            questions=[question],
            documents=[pitch],
            by=officer,
        )
        services.document_upload(
            application=application,
            required_document=pitch,
            upload=SimpleUploadedFile(
                "pitch-deck-clients.pdf", _pdf("Pitch deck - version 2, with the pilots")
            ),
            by=application.applicant,
        )
        services.info_answers_save(
            application=application,
            answers={
                question.pk: "Trois coopératives agricoles du Souss ont signé un pilote de six "
                "mois, à 450 MAD par mois et par exploitation."
            },
            by=application.applicant,
        )
        services.application_resubmit(application=application, by=application.applicant)


def _program(code, name, kind):
    return (
        Program.objects.filter(code=code).first()
        or Program.objects.filter(kind=kind).first()
        or Program.objects.create(code=code, name=name, kind=kind)
    )


# The programs' names in Arabic and English (French is their source); brands stay as written.
PROGRAM_NAMES = {
    "BOOST-UP-LAB": ("BOOST UP LAB — ما قبل الاحتضان", "BOOST UP LAB — pre-incubation"),
    "START": ("START — الاحتضان", "START — incubation"),
    "DEVELOP": ("DEVELOP — التطوير", "DEVELOP — development"),
    "ACCELERATE": ("ACCELERATE — التسريع", "ACCELERATE — acceleration"),
    "E-TECHNOPARK": ("E-Technopark — المواكبة عن بعد", "E-Technopark — remote support"),
    "UH2C-INCUB": ("حاضنة جامعة الحسن الثاني", "Hassan II University incubator"),
    "UM5-INCUB": ("حاضنة جامعة محمد الخامس", "Mohammed V University incubator"),
    "UAE-INCUB": ("حاضنة جامعة عبد المالك السعدي", "Abdelmalek Essaâdi University incubator"),
    "UIZ-INCUB": ("حاضنة جامعة ابن زهر", "Ibn Zohr University incubator"),
    "REM-LAUREATS": ("Réseau Entreprendre — مواكبة الفائزين", "Réseau Entreprendre — laureates"),
    "OPEN-INNOV": ("الابتكار المفتوح مع المقاولات الكبرى", "Open innovation with large companies"),
}


def _translate_programs() -> None:
    services.program_names_translate(
        programs={
            pk: {"name_ar": PROGRAM_NAMES[code][0], "name_en": PROGRAM_NAMES[code][1]}
            for pk, code in Program.objects.filter(code__in=PROGRAM_NAMES).values_list("pk", "code")
        }
    )


def seed(ctx: DemoContext) -> None:
    _translate_programs()
    with quiet():
        _seed(ctx)
    _news(ctx)


def _news(ctx: DemoContext) -> None:
    """What happens this week, told as it would be (the bells and the e-mail log show it):
    the officer is asked to review two applications of the open call, and one applicant is
    invited to an interview with its calendar invitation."""
    officer = ctx.users.get("program_officer")
    if officer is None:
        return
    waiting = list(
        Application.objects.filter(
            status=Application.Status.SUBMITTED, call__closes_on__gte=ctx.today
        )
        .exclude(assignments__reviewer=officer)
        .order_by("pk")[:2]
    )
    for application in waiting:
        services.reviewer_assign(application=application, reviewer=officer, by=officer)
    if waiting:
        founder = ctx.users.get("founder")
        if founder is not None and founder.email not in waiting[0].team:
            # The demo founder is a co-founder of this new project: invited to the interview
            # too, it is in their personal calendar.
            team = "\n".join(
                line for line in (waiting[0].team, f"{founder}, {founder.email}") if line
            )
            Application.objects.filter(pk=waiting[0].pk).update(team=team)
            waiting[0].team = team
        at = timezone.make_aware(dt.datetime.combine(ctx.today + dt.timedelta(days=9), dt.time(10)))
        services.interview_schedule(application=waiting[0], at=at, by=officer)
    ctx.log(
        f"3 calls, {Application.objects.count()} applications, {Plan.objects.count()} plans; "
        f"{len(waiting)} review requests and {min(len(waiting), 1)} interview invitation sent"
    )


# The milestones every startup of a program is expected to reach (fr, ar, en), at days
# from its enrollment's start: (title, offset, duration, evidence expected).
TEMPLATES = [
    (
        ("Feuille de route validée", "خارطة الطريق مصادق عليها", "Roadmap agreed"),
        0,
        30,
        "La feuille de route signée avec le chargé de programme",
    ),
    (
        ("MVP livré", "تسليم النسخة الأولى من المنتج", "MVP delivered"),
        30,
        90,
        "Lien de démo ou PV de recette",
    ),
    (
        ("Trois clients pilotes", "ثلاثة عملاء تجريبيين", "Three pilot customers"),
        90,
        120,
        "Lettres d'intention ou bons de commande",
    ),
    (
        ("Dossier de financement déposé", "إيداع ملف التمويل", "Financing application filed"),
        150,
        90,
        "Accusé de dépôt (Innov Invest, Tamwilcom…)",
    ),
    (("Premier recrutement", "أول توظيف", "First hire"), 240, 90, "Contrat de travail (anonymisé)"),
    (
        (
            "Premier chiffre d'affaires récurrent",
            "أول رقم معاملات متكرر",
            "First recurring revenue",
        ),
        330,
        180,
        "Factures des trois derniers mois",
    ),
]

DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(title: str) -> bytes:
    """A small valid one-page PDF saying `title` (ASCII): an applicant's document."""
    stream = b"BT /F1 18 Tf 72 720 Td (" + title.encode("ascii", "replace") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _milestones(ctx: DemoContext, plans: list, officer, today: dt.date) -> None:
    """Templates for each program of the plans, applied to each cohort; most past milestones
    validated, some late; founders' ticks: one validated, one sent back, one waiting."""

    from technopark.programs.models import MilestoneTemplate
    from technopark.programs.services import plans as plan_services

    by_program: dict[int, list] = {}
    # Read again: the plans' enrollments may have ended since they were loaded.
    current = Enrollment.objects.filter(
        pk__in=[plan.enrollment_id for plan in plans], ended_on__isnull=True
    ).order_by("pk")
    for enrollment in current:
        by_program.setdefault(enrollment.program_id, []).append(enrollment)
    for program in Program.objects.all():
        if not program.milestone_templates.exists():
            for (fr, ar, en), offset, duration, evidence in TEMPLATES:
                MilestoneTemplate.objects.create(
                    program=program,
                    title=fr,
                    title_ar=ar,
                    title_en=en,
                    evidence=evidence,
                    offset_days=offset,
                    duration_days=duration,
                )
        if program.pk in by_program:
            plan_services.milestone_templates_apply(
                program=program, enrollments=by_program[program.pk], by=officer
            )
    for k, plan in enumerate(plans):
        for j, m in enumerate(plan.milestones.all()):
            if m.due_on < today - dt.timedelta(days=20) and (j + k) % 5:
                m.status = Milestone.Status.VALIDATED
                m.done_on = m.due_on - dt.timedelta(days=3)
                m.reviewed_by = officer
            elif m.starts_on and m.starts_on <= today:
                m.status = Milestone.Status.IN_PROGRESS
            m.save()
    # Founders tick their milestones: validated, sent back, waiting for the officer.
    ticked = 0
    for plan in plans:
        member = (
            Membership.objects.filter(startup=plan.startup, user__is_active=True)
            .select_related("user")
            .first()
        )
        open_ = list(plan.milestones.filter(status__in=Milestone.FOUNDER + ("planned",))[:3])
        if member is None or len(open_) < 3:
            continue
        who = member.user
        validated, sent_back, waiting = open_
        plan_services.milestone_submit(
            milestone=validated,
            status="done",
            link="https://drive.example.ma/preuves/jalon-signe.pdf",
            comment="Document signé lors du dernier point, voir le lien.",
            by=who,
        )
        plan_services.milestone_review(
            milestone=validated, validate=True, comment="Parfait, merci.", by=officer
        )
        plan_services.milestone_submit(
            milestone=sent_back,
            status="done",
            link="https://drive.example.ma/preuves/brouillon",
            comment="Premier jet en ligne, à compléter si besoin.",
            by=who,
        )
        plan_services.milestone_review(
            milestone=sent_back,
            validate=False,
            comment="Le document n'est pas signé : joignez la version signée et renvoyez.",
            by=officer,
        )
        plan_services.milestone_submit(
            milestone=waiting,
            status="done",
            file=SimpleUploadedFile("preuves.pdf", DEMO_PDF),
            comment="Pièces signées jointes (PDF).",
            by=who,
        )
        ticked += 1
        if ticked >= 3:
            break


def _seed(ctx: DemoContext) -> None:
    casa = Site.objects.filter(code="CASA").first() or Site.objects.order_by("pk").first()
    officer = ctx.users.get("program_officer")
    expert = ctx.users.get("expert")
    if casa is None or officer is None:
        ctx.log("no site or officer: calls skipped")
        return
    incubation = _program("START", "START — incubation", "incubation")
    pre = _program("BOOST-UP-LAB", "BOOST UP LAB — pré-incubation", "pre_incubation")
    today = ctx.today
    n = 8 if ctx.small else 24

    # A closed call, reviewed and decided.
    closed = Call.objects.create(
        program=incubation,
        site=casa,
        title=f"START — promotion d'automne {today.year}",
        title_ar=f"START — دفعة الخريف {today.year}",
        title_en=f"START — autumn intake {today.year}",
        description="Six mois d'incubation au Technopark de Casablanca : bureaux, coaching, experts.",
        opens_on=today - dt.timedelta(days=120),
        closes_on=today - dt.timedelta(days=60),
        published_at=timezone.now() - dt.timedelta(days=125),
        max_company_age_years=3,
        created_by=officer,
        review_deadline=today - dt.timedelta(days=50),
    )
    _compose(closed)
    _letters(closed, officer)
    admitted = 0
    for i in range(n):
        app = _application(ctx, closed, i, "submitted", 70 + i)
        quality = ctx.rng.randint(2, 5)
        _score(ctx, app, officer, quality)
        # The last one: the expert never sent the review; the committee decided without it.
        late_expert = i == n - 1
        if expert is not None:
            _score(
                ctx,
                app,
                expert,
                quality if i % 4 else max(1, quality - 2),
                submit=not late_expert,
            )
        if quality >= 4:
            services.interview_schedule(
                application=app,
                at=timezone.now() - dt.timedelta(days=45 - i % 5),
                notes="Équipe solide, marché à préciser.",
                by=officer,
            )
        decision = (
            "admitted"
            if quality >= 4 and admitted < n // 3
            else ("waitlisted" if quality == 3 else "declined")
        )
        admitted += decision == "admitted"
        services.application_decide(
            application=app,
            decision=decision,
            start_on=today - dt.timedelta(days=30),
            note="Décision du comité de sélection.",
            reasons=REASONS[decision],
            next_steps=NEXT_STEPS if decision == "admitted" else "",
            override_reason=(
                "L'expert désigné n'a pas rendu son avis avant le comité ; deux membres du "
                "comité ont relu le dossier en séance."
            )
            if late_expert and expert is not None
            else "",
            by=officer,
        )
    Application.objects.filter(call=closed).update(decided_on=today - dt.timedelta(days=35))

    # An open call: drafts, submissions, reviews to do (the expert's work list).
    open_call = Call.objects.create(
        program=pre,
        site=casa,
        title=f"BOOST UP LAB — pré-incubation printemps {today.year + 1}",
        title_ar=f"BOOST UP LAB — ما قبل الاحتضان، ربيع {today.year + 1}",
        title_en=f"BOOST UP LAB — spring pre-incubation {today.year + 1}",
        description="Trois mois pour passer de l'idée au prototype. Ouvert aux porteurs de projets de toute la région.",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=25),
        published_at=timezone.now() - dt.timedelta(days=11),
        max_company_age_years=2,
        created_by=officer,
        review_deadline=today + dt.timedelta(days=35),
    )
    open_call.allowed_regions.set(Region.objects.filter(code__in=["MA-06", "MA-04", "MA-01"]))
    _compose(open_call)
    for i in range(n // 2):
        status = "draft" if i % 3 == 0 else "submitted"
        app = _application(ctx, open_call, i + 3, status, 5 - i % 5)
        if status == "submitted" and expert is not None:
            services.reviewer_assign(application=app, reviewer=expert, by=officer)
            if i % 2:
                _score(ctx, app, officer, ctx.rng.randint(2, 5))
    _committee(ctx, open_call, officer, expert)
    # An upcoming call, still a draft.
    draft = Call.objects.create(
        program=incubation,
        site=casa,
        title=f"START — promotion de printemps {today.year + 1}",
        title_ar=f"START — دفعة الربيع {today.year + 1}",
        title_en=f"START — spring intake {today.year + 1}",
        opens_on=today + dt.timedelta(days=40),
        closes_on=today + dt.timedelta(days=90),
        created_by=officer,
    )
    _compose(draft)

    # Plans for the founder's startup and startups enrolled at Casablanca today.
    plans = list(Plan.objects.filter(enrollment__site=casa))
    founder = ctx.users.get("founder")
    enrollments = list(
        casa.enrollments.filter(ended_on__isnull=True)
        .exclude(startup__plan__isnull=False)
        .select_related("startup")
        .order_by("startup__ref")[: (6 if ctx.small else 30)]
    )
    if founder is not None:
        mine = Membership.objects.filter(user=founder).values_list("startup_id", flat=True)
        own = (
            Enrollment.objects.filter(startup_id__in=mine)
            .order_by("ended_on", "-started_on")
            .first()
        )
        if own is not None and not Plan.objects.filter(startup=own.startup).exists():
            enrollments = [e for e in enrollments if e.startup_id != own.startup_id]
            enrollments.insert(0, own)
    for enrollment in enrollments:
        plan = services.plan_for(enrollment=enrollment, officer=officer)
        services.plan_update(
            plan=plan,
            needs=ctx.rng.sample(["product", "market", "financing", "team", "legal", "export"], 3),
            diagnostic="Produit en bêta, premiers clients pilotes ; besoin de structurer la vente et de préparer une levée d'amorçage.",
            officer=officer,
            by=officer,
        )
        plans.append(plan)
    _milestones(ctx, plans, officer, today)
    for k, plan in enumerate(plans):
        silent = k % 4 == 3  # a quarter of the startups have not been seen for weeks
        last = today - dt.timedelta(days=70 if silent else 6)
        for s in range(2 + k % 3):
            held = last - dt.timedelta(days=21 * s)
            if held >= plan.enrollment.started_on:
                CoachingSession.objects.create(
                    plan=plan,
                    held_on=held,
                    minutes=ctx.rng.choice([45, 60, 90]),
                    coach=officer,
                    topics=ctx.rng.choice(
                        [
                            "Go-to-market et tarification",
                            "Préparation du pitch",
                            "Recrutement du CTO",
                            "Dossier de financement",
                        ]
                    ),
                    next_steps="Envoyer la version révisée du business plan.",
                )


# --- For the demos of the apps above (the committee's): programs writes its own records ---


def demo_call(**fields) -> Call:
    """A call of the demo made as it stands (dates in the past included)."""
    return Call.objects.create(**fields)


def decisions_backdate(applications, day: dt.date) -> None:
    """Date the decisions of the demo's applications as they happened."""
    Application.objects.filter(pk__in=applications).update(decided_on=day)
