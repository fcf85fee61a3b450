"""Demo: showcase profiles for most listed startups, by sector."""

from __future__ import annotations

from technopark.core.demo import DemoContext
from technopark.publishing.models import ShowcaseProfile
from technopark.startups.models import Startup

PRODUCTS = {
    "Technologies de l'information": (
        "Logiciels sur mesure pour PME",
        [
            "ERP en ligne pour PME",
            "Application mobile de prise de rendez-vous",
            "Audit cybersécurité",
        ],
    ),
    "Green tech et énergie": (
        "L'énergie solaire à la portée des PME",
        [
            "Kits solaires pour exploitations agricoles",
            "Audit énergétique",
            "Suivi de consommation",
        ],
    ),
    "Industries culturelles et créatives": (
        "Des contenus qui racontent le Maroc",
        ["Production vidéo", "Jeux éducatifs", "Design d'identité visuelle"],
    ),
    "Edtech": (
        "Apprendre mieux, en arabe et en français",
        ["Plateforme de soutien scolaire", "Cours de code pour lycéens", "Classes virtuelles"],
    ),
    "Agritech": (
        "L'irrigation intelligente pour économiser l'eau",
        ["Capteurs d'humidité connectés", "Tableau de bord des parcelles", "Conseil agronomique"],
    ),
    "E-commerce": (
        "Vendre en ligne partout au Maroc",
        ["Boutique en ligne clé en main", "Paiement à la livraison", "Logistique du dernier km"],
    ),
    "Fintech": (
        "Le paiement mobile simple et sûr",
        ["Portefeuille mobile", "Terminal de paiement pour commerçants", "Scoring de crédit"],
    ),
    "Healthtech": (
        "La santé connectée près de chez vous",
        ["Téléconsultation", "Dossier patient en ligne", "Rappels de traitement par SMS"],
    ),
    "Logistique et mobilité": (
        "Livrer plus vite, à moindre coût",
        ["Optimisation de tournées", "Suivi de flotte", "Livraison urbaine à vélo cargo"],
    ),
}


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    startups = list(Startup.objects.filter(public=True).order_by("ref"))
    if ctx.small:
        startups = startups[:20]
    profiles = []
    for startup in startups:
        if rng.random() > 0.7:
            continue
        tagline, products = PRODUCTS.get(
            startup.sector, ("Une startup du réseau technopark", ["Services numériques"])
        )
        profiles.append(
            ShowcaseProfile(
                startup=startup,
                tagline=tagline,
                products="\n".join(rng.sample(products, min(len(products), rng.randint(1, 3)))),
                seeks_clients=rng.random() < 0.7,
                seeks_funding=rng.random() < 0.4,
                seeks_talent=rng.random() < 0.35,
            )
        )
    ShowcaseProfile.objects.bulk_create(profiles, ignore_conflicts=True)
    ctx.log(f"{len(profiles)} showcase profiles")
