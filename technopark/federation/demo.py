"""Demo: the pipeline of Fès, Oujda and Tiznit, and staff accounts for the partner structures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from technopark.accounts.services import role_grant, user_upsert
from technopark.core.demo import DEMO_PASSWORD, DemoContext
from technopark.federation.models import Milestone, SiteProject
from technopark.federation.services import checklist_item_set, milestone_update, project_create
from technopark.network.models import Operator, Site

CHECKLIST = [
    "Titre foncier et convention de site signée avec la Région",
    "Permis d'habiter délivré par la commune",
    "Réception provisoire des travaux",
    "Visite de conformité de la Protection civile",
    "Raccordement fibre optique et salle serveur opérationnelle",
    "Mobilier et équipements livrés et installés",
    "Équipe du site recrutée (directeur, chargés d'accompagnement, accueil)",
    "Conventions signées avec les guichets partenaires (OMPIC, ANAPEC, CNSS, CIMR)",
    "Assurance multirisque du bâtiment souscrite",
    "Grille tarifaire et règlement intérieur approuvés",
]

# code: planned opening, budget MAD, offices, coworking seats, milestones (kind: planned,
# status, days before today it was done or None), checklist items done (count), notes
PIPELINE = {
    "FES": {
        "opening": dt.date(2027, 4, 15),
        "budget": Decimal("118500000"),
        "offices": 64,
        "coworking": (2, 36),
        "milestones": {
            "land": (dt.date(2023, 2, 1), 1340),
            "works": (dt.date(2026, 3, 31), 210),
            "fit_out": (dt.date(2026, 12, 15), None),
            "team": (dt.date(2027, 2, 28), None),
        },
        "in_progress": ["fit_out", "team"],
        "checklist_done": len(CHECKLIST) - 1,
        "notes": "Site de 9 000 m² au pôle universitaire Fès-Saïss, en partenariat avec "
        "la Région Fès-Meknès et l'Université Sidi Mohamed Ben Abdellah.",
    },
    "OUJDA": {
        "opening": dt.date(2027, 10, 1),
        "budget": Decimal("86000000"),
        "offices": 42,
        "coworking": (1, 30),
        "milestones": {
            "land": (dt.date(2024, 1, 15), 1000),
            "works": (dt.date(2026, 10, 31), None),
            "fit_out": (dt.date(2027, 5, 31), None),
            "team": (dt.date(2027, 7, 31), None),
        },
        "in_progress": ["works"],
        "checklist_done": 2,
        "notes": "Technopole d'Oujda, avec l'Agence de l'Oriental. Gros œuvre achevé, "
        "second œuvre en retard de deux mois.",
    },
    "TIZNIT": {
        "opening": dt.date(2028, 6, 1),
        "budget": Decimal("58000000"),
        "offices": 26,
        "coworking": (1, 24),
        "milestones": {
            "land": (dt.date(2025, 9, 30), 400),
            "works": (dt.date(2026, 9, 1), None),
            "fit_out": (dt.date(2027, 12, 15), None),
            "team": (dt.date(2028, 3, 31), None),
        },
        "in_progress": [],
        "checklist_done": 1,
        "notes": "Antenne du réseau pour le sud de Souss-Massa ; appel d'offres travaux relancé.",
    },
}

# slug: [(first name, last name, role)]
PARTNER_STAFF = {
    "uh2c": [("Meryem", "Lahlou", "partner_admin"), ("Anas", "Benjelloun", "partner_officer")],
    "um5": [("Ghita", "Squalli", "partner_admin"), ("Hamza", "Idrissi", "partner_officer")],
    "uae": [("Ilham", "Akhannouch", "partner_admin"), ("Soufiane", "El Khatib", "partner_officer")],
    "uiz": [
        ("Brahim", "Ait Lhaj", "partner_admin"),
        ("Fatima Zahra", "Oubella", "partner_officer"),
    ],
    "rem": [("Loubna", "Sefrioui", "partner_admin"), ("Mehdi", "Kettani", "partner_officer")],
    "open-innov": [("Zineb", "Guessous", "partner_officer")],
}


def planned_spaces(code: str, offices: int, coworking: tuple[int, int], rng) -> list[dict]:
    spaces = []
    prefix = code[:3]
    for i in range(offices):
        floor = i // 16 + 1
        big = rng.random() < 0.2
        area = rng.choice([24, 32, 40, 48]) if big else rng.choice([12, 14, 16, 18, 19])
        spaces.append(
            {
                "code": f"{prefix}-{floor}{i % 16 + 1:02d}",
                "name": f"Bureau {floor}.{i % 16 + 1:02d}",
                "kind": "office",
                "area_m2": Decimal(area),
                "seats": max(2, area // 6),
                "leasable": True,
                "floor": f"Étage {floor}",
            }
        )
    count, seats = coworking
    for i in range(count):
        spaces.append(
            {
                "code": f"{prefix}-CW{i + 1}",
                "name": f"Espace coworking {i + 1}",
                "kind": "coworking",
                "area_m2": Decimal(seats * 4),
                "seats": seats,
                "leasable": True,
                "floor": "Rez-de-chaussée",
            }
        )
    for i, (kind, name, area, seats) in enumerate(
        [
            ("meeting_room", "Salle de réunion Atlas", 30, 12),
            ("meeting_room", "Salle de réunion Rif", 20, 8),
            ("event_hall", "Auditorium", 220, 180),
            ("lab", "FabLab", 90, 16),
        ]
    ):
        spaces.append(
            {
                "code": f"{prefix}-C{i + 1}",
                "name": name,
                "kind": kind,
                "area_m2": Decimal(area),
                "seats": seats,
                "leasable": False,
                "floor": "Rez-de-chaussée",
            }
        )
    return spaces


def seed_pipeline(ctx: DemoContext) -> int:
    admin = ctx.users.get("network_admin")
    made = 0
    for code, plan in PIPELINE.items():
        site = Site.objects.filter(code=code, opened_on__isnull=True).first()
        if site is None or SiteProject.objects.filter(site=site).exists():
            continue
        project = project_create(
            site=site,
            planned_opening_on=plan["opening"],
            budget_mad=plan["budget"],
            milestones={kind: planned for kind, (planned, _d) in plan["milestones"].items()}
            | {"opening": plan["opening"]},
            checklist=CHECKLIST,
            spaces=planned_spaces(code, plan["offices"], plan["coworking"], ctx.rng),
            notes=plan["notes"],
            by=admin,
        )
        for milestone in project.milestones.exclude(kind=Milestone.Kind.OPENING):
            planned, done_days_ago = plan["milestones"][milestone.kind]
            if done_days_ago is not None:
                status, actual = Milestone.Status.DONE, ctx.today - dt.timedelta(done_days_ago)
            elif milestone.kind in plan["in_progress"]:
                status, actual = Milestone.Status.IN_PROGRESS, None
            else:
                status, actual = Milestone.Status.NOT_STARTED, None
            milestone_update(
                milestone=milestone, planned_on=planned, status=status, actual_on=actual, by=admin
            )
        for i, item in enumerate(project.checklist.all()[: plan["checklist_done"]]):
            checklist_item_set(
                item=item, done=True, by=admin, on=ctx.today - dt.timedelta(days=30 * (10 - i))
            )
        made += 1
    return made


def seed_partner_staff(ctx: DemoContext) -> int:
    made = 0
    for slug, people in PARTNER_STAFF.items():
        operator = Operator.objects.filter(slug=slug, is_network_operator=False).first()
        if operator is None:
            continue
        for first, last, role in people:
            local = f"{first.split()[0]}.{last.replace(' ', '')}".lower()
            email = f"{local}@{slug}.demo.technopark.ma"
            user, _created = user_upsert(
                email=email, full_name=f"{first} {last}", password=DEMO_PASSWORD
            )
            role_grant(user=user, kind=role, operator=operator)
            if role == "partner_officer" and "partner_officer" not in ctx.users:
                ctx.users["partner_officer"] = user
            made += 1
    return made


def seed(ctx: DemoContext) -> None:
    projects = seed_pipeline(ctx)
    staff = seed_partner_staff(ctx)
    ctx.log(f"{projects} sites in the pipeline, {staff} partner staff accounts")
