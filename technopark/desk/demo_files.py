"""Demo procedures across the desks (company creation, CNSS affiliation, trademark filing),
the founder's company-creation file halfway through, a late trademark file at the OMPIC
desk, and today's walk-ins. Seeded through the services, silently (no e-mail)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from technopark.core.demo import DemoContext
from technopark.desk import services_files as files
from technopark.desk.models import Desk, FileStep, Procedure, ProcedureStep, WalkIn
from technopark.desk.services import CASABLANCA
from technopark.startups.models import Startup

# code, (fr, ar, en), description, steps:
#   (kind, place, (fr, ar, en), (pieces fr, pieces ar, pieces en), delay in days)
PROCEDURES = [
    (
        "creation-sarl",
        (
            "Création d'entreprise (SARL)",
            "إحداث شركة ذات مسؤولية محدودة",
            "Company creation (SARL)",
        ),
        "Du certificat négatif à l'affiliation CNSS : les étapes d'une SARL au Maroc.",
        [
            (
                "ompic",
                "",
                ("Certificat négatif", "الشهادة السلبية", "Negative certificate"),
                (
                    "Formulaire CN1 rempli\nCopie de la CIN du gérant\nTrois dénominations par ordre de préférence",
                    "استمارة CN1\nنسخة من البطاقة الوطنية للمسير\nثلاث تسميات حسب الأفضلية",
                    "Completed CN1 form\nCopy of the manager's ID card\nThree names in order of preference",
                ),
                1,
            ),
            (
                "legalisation",
                "",
                (
                    "Légalisation des statuts et du contrat de bail",
                    "تصحيح إمضاءات النظام الأساسي وعقد الكراء",
                    "Certified signatures of the articles and the lease",
                ),
                (
                    "Statuts signés en 4 exemplaires\nContrat de bail ou de domiciliation",
                    "النظام الأساسي موقع في 4 نسخ\nعقد الكراء أو التوطين",
                    "Signed articles in 4 copies\nLease or domiciliation contract",
                ),
                2,
            ),
            (
                "other",
                "Centre régional d'investissement (CRI)",
                (
                    "Immatriculation au RC, IF, TP et ICE",
                    "التسجيل في السجل التجاري والتعريف الضريبي والرسم المهني",
                    "Trade register, tax ID, business tax and ICE",
                ),
                (
                    "Certificat négatif\nStatuts légalisés\nAttestation de blocage du capital",
                    "الشهادة السلبية\nالنظام الأساسي المصادق عليه\nشهادة إيداع رأس المال",
                    "Negative certificate\nCertified articles\nCapital deposit certificate",
                ),
                7,
            ),
            (
                "cnss",
                "",
                (
                    "Affiliation à la CNSS",
                    "الانخراط في الصندوق الوطني للضمان الاجتماعي",
                    "CNSS affiliation",
                ),
                (
                    "Modèle J du RC\nAttestation d'identifiant fiscal\nCopie de la CIN du gérant",
                    "النموذج J من السجل التجاري\nشهادة التعريف الضريبي\nنسخة من البطاقة الوطنية للمسير",
                    "Trade register extract (model J)\nTax ID certificate\nCopy of the manager's ID card",
                ),
                5,
            ),
        ],
    ),
    (
        "affiliation-cnss",
        (
            "Affiliation CNSS et déclaration des salariés",
            "الانخراط في الضمان الاجتماعي والتصريح بالأجراء",
            "CNSS affiliation and staff registration",
        ),
        "L'employeur s'affilie, puis immatricule ses salariés (agence ou portail Damancom).",
        [
            (
                "cnss",
                "",
                ("Affiliation de l'employeur", "انخراط المشغل", "Employer affiliation"),
                (
                    "Formulaire d'affiliation\nModèle J du RC",
                    "استمارة الانخراط\nالنموذج J",
                    "Affiliation form\nTrade register extract",
                ),
                5,
            ),
            (
                "cnss",
                "Portail Damancom",
                ("Immatriculation des salariés", "تسجيل الأجراء", "Staff registration"),
                (
                    "Contrats de travail\nCopies des CIN",
                    "عقود العمل\nنسخ البطائق الوطنية",
                    "Employment contracts\nID card copies",
                ),
                3,
            ),
        ],
    ),
    (
        "depot-marque",
        (
            "Dépôt de marque à l'OMPIC",
            "إيداع علامة تجارية لدى المكتب المغربي للملكية الصناعية والتجارية",
            "Trademark filing at OMPIC",
        ),
        "Recherche d'antériorité, dépôt, publication puis enregistrement de la marque.",
        [
            (
                "ompic",
                "",
                ("Recherche d'antériorité", "البحث عن الأسبقية", "Prior-art search"),
                (
                    "Représentation de la marque\nListe des classes visées",
                    "صورة العلامة\nلائحة الأصناف",
                    "Image of the mark\nList of classes",
                ),
                3,
            ),
            (
                "ompic",
                "",
                ("Dépôt de la demande", "إيداع الطلب", "Filing the application"),
                (
                    "Formulaire de dépôt\nPreuve de paiement des taxes",
                    "استمارة الإيداع\nإثبات أداء الرسوم",
                    "Filing form\nProof of payment of the fees",
                ),
                1,
            ),
            (
                "ompic",
                "",
                (
                    "Publication et délai d'opposition",
                    "النشر وأجل التعرض",
                    "Publication and opposition period",
                ),
                ("", "", ""),
                60,
            ),
        ],
    ),
]

WALK_INS = [
    ("Salma Bennani", 9, 40, "Renseignée sur le certificat négatif"),
    (None, 10, 15, "Formulaire CN1 vérifié"),
    ("Karim Ouazzani", 11, 5, "Orienté vers le CRI pour le RC"),
]


def _procedures() -> dict[str, Procedure]:
    made = {}
    for code, (fr, ar, en), description, steps in PROCEDURES:
        procedure, _created = Procedure.objects.update_or_create(
            code=code,
            defaults={"name": fr, "name_ar": ar, "name_en": en, "description": description},
        )
        for position, (kind, place, names, pieces, days) in enumerate(steps, start=1):
            ProcedureStep.objects.update_or_create(
                procedure=procedure,
                position=position,
                defaults={
                    "desk_kind": kind,
                    "place": place,
                    "name": names[0],
                    "name_ar": names[1],
                    "name_en": names[2],
                    "pieces_fr": pieces[0],
                    "pieces_ar": pieces[1],
                    "pieces_en": pieces[2],
                    "delay_days": days,
                },
            )
        made[code] = procedure
    return made


def seed_files(ctx: DemoContext, desks: list[Desk]) -> str:
    procedures = _procedures()
    founder = ctx.users.get("founder")
    agent = ctx.users.get("desk_agent")
    ompic = next((d for d in desks if d.code == "CASA-OMPIC"), None)
    if founder is None or ompic is None:
        return f"{len(procedures)} procedures"
    membership = founder.memberships.select_related("startup").first()
    opened = 0
    with files.silent():
        if membership is not None:
            startup = membership.startup
            if not startup.desk_files.exists():
                file = files.desk_file_open(
                    procedure=procedures["creation-sarl"], startup=startup, by=founder
                )
                opened += 1
                steps = list(file.steps.order_by("position"))
                for step in steps[:2]:
                    files.desk_file_step_move(step=step, move="done", by=agent)
                files.desk_file_step_move(step=steps[2], move="start", by=None)
                files.desk_file_note_add(
                    file=file,
                    text="Statuts légalisés reçus. Le dépôt au CRI est en cours : "
                    "comptez une semaine pour le RC et l'ICE.",
                    internal=False,
                    by=agent,
                )
        other = (
            Startup.objects.filter(enrollments__site=ompic.site, enrollments__ended_on__isnull=True)
            .exclude(memberships__user=founder)
            .exclude(desk_files__isnull=False)
            .order_by("ref")
            .first()
        )
        if other is not None:
            late = files.desk_file_open(
                procedure=procedures["depot-marque"], startup=other, by=None
            )
            opened += 1
            first = late.steps.get(position=1)
            files.desk_file_step_move(step=first, move="start", by=agent)
            files.desk_file_note_add(
                file=late,
                text="Relancer le fondateur : classes 9 et 42 à confirmer.",
                internal=True,
                by=agent,
            )
            # Opened some days ago: its first step is now past its due date.
            FileStep.objects.filter(pk=first.pk).update(due_on=ctx.today - dt.timedelta(days=2))
    walk_ins = 0
    if not WalkIn.objects.filter(desk=ompic, at__date=ctx.today).exists():
        service = ompic.services.filter(code="certificat-negatif").first()
        resident = Startup.objects.filter(enrollments__site=ompic.site).order_by("-ref").first()
        for name, hour, minute, outcome in WALK_INS:
            at = dt.datetime.combine(ctx.today, dt.time(hour, minute), tzinfo=CASABLANCA)
            if at > timezone.now():
                at = timezone.now() - dt.timedelta(minutes=5 * (walk_ins + 1))
            who = name or (resident.name if resident else "Visiteur")
            WalkIn.objects.create(
                desk=ompic,
                startup=resident if name is None else None,
                visitor=who if name else "",
                service=service,
                at=at,
                outcome=outcome,
                recorded_by=agent,
            )
            walk_ins += 1
    return f"{len(procedures)} procedures, {opened} files, {walk_ins} walk-ins"
