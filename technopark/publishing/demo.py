"""Demo: showcase profiles for most listed startups, by sector."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from technopark.core.demo import DemoContext
from technopark.network.models import Site
from technopark.publishing.models import ShowcaseProfile
from technopark.publishing.services import showcase_update, site_guide_update, site_photo_add
from technopark.startups.models import Startup

# The demo's site photos are drawn here with Pillow (no photo of anyone's, no licence to
# respect): a façade in the site's own colours, an open space, a garden.
PHOTOS = (
    ("facade", "La façade du technopark et son entrée principale, un jour de ciel bleu."),
    ("openspace", "Un plateau de bureaux ouvert, ses postes de travail et ses grandes fenêtres."),
    ("garden", "Le jardin intérieur et ses bancs, où les résidents se retrouvent à midi."),
)
DIRECTIONS = {
    "CASA": "Tramway T1, station « Sidi Maârouf » puis 5 minutes à pied\n"
    "Gare Casa-Port ou Casa-Voyageurs, puis taxi (20 minutes)\n"
    "Parking visiteurs gratuit à l'entrée ouest",
    "RABAT": "Tramway ligne 1, station « Hay Riad »\n"
    "Bus 32 depuis la gare Rabat-Ville\nParking souterrain, entrée par l'avenue principale",
}


def _picture(kind: str, hue: int, rng) -> bytes:
    width, height = 960, 630
    image = Image.new("RGB", (width, height), (150 + hue % 60, 200, 235))
    draw = ImageDraw.Draw(image)
    if kind == "facade":
        draw.rectangle((0, 470, width, height), fill=(190, 185, 170))
        for n, left in enumerate(range(80, 880, 270)):
            top = 160 + 40 * (n % 2)
            draw.rectangle((left, top, left + 220, 470), fill=(235, 235, 228))
            for row in range(top + 25, 450, 55):
                for col in range(left + 20, left + 200, 50):
                    draw.rectangle((col, row, col + 30, row + 35), fill=(60, 110, 160))
        draw.rectangle((440, 390, 520, 470), fill=(40, 60, 90))
    elif kind == "openspace":
        draw.rectangle((0, 0, width, 300), fill=(245, 244, 240))
        for col in range(40, width, 180):
            draw.rectangle((col, 40, col + 140, 260), fill=(170, 210, 240))
        draw.rectangle((0, 300, width, height), fill=(205, 190, 165))
        for col in range(60, width - 100, 220):
            draw.rectangle((col, 380, col + 170, 410), fill=(250, 250, 250))
            draw.rectangle((col + 60, 340, col + 110, 378), fill=(40, 40, 50))
    else:
        draw.rectangle((0, 380, width, height), fill=(90, 160, 80))
        for _ in range(9):
            x, y = rng.randint(30, width - 30), rng.randint(300, 420)
            draw.rectangle((x - 6, y, x + 6, y + 90), fill=(110, 80, 50))
            draw.ellipse((x - 60, y - 90, x + 60, y + 20), fill=(40, 120 + rng.randint(0, 60), 60))
        draw.rectangle((380, 520, 580, 540), fill=(140, 100, 60))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def seed_site_pages(ctx: DemoContext) -> None:
    """Photos and directions for the sites that are open (two of them in a small demo)."""
    by = ctx.users.get("network_admin")
    sites = list(Site.objects.operational_on(ctx.today).order_by("opened_on", "code"))
    if ctx.small:
        sites = sites[:2]
    count = 0
    for n, site in enumerate(sites):
        for kind, alt in PHOTOS:
            data = _picture(kind, n * 37, ctx.rng)
            upload = SimpleUploadedFile(f"{kind}.png", data, content_type="image/png")
            site_photo_add(site=site, file=upload, alt_text=alt, by=by)
            count += 1
        directions = DIRECTIONS.get(site.code) or (
            f"Centre-ville de {site.city}, à 10 minutes en taxi de la gare\n"
            "Parking visiteurs à l'entrée du site"
        )
        site_guide_update(site=site, directions=directions, by=by)
    ctx.log(f"{count} site photos (drawn for the demo) and {len(sites)} visitors' guides")


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


# The demo's logos are drawn here with Pillow at seed time (nobody's brand, no licence to
# respect): a coloured shape with the startup's initials.
LOGO_COLOURS = (
    (18, 53, 91),
    (0, 121, 107),
    (183, 28, 28),
    (106, 27, 154),
    (230, 81, 0),
    (46, 125, 50),
    (21, 101, 192),
    (93, 64, 55),
)
LOGOS = 12  # profiles that get a logo


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def draw_logo(name: str, n: int) -> bytes:
    """A simple square logo: a coloured circle, square or diamond with the initials."""
    from PIL import ImageFont

    size = 256
    colour = LOGO_COLOURS[n % len(LOGO_COLOURS)]
    image = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    shape = n % 3
    if shape == 0:
        draw.ellipse((16, 16, size - 16, size - 16), fill=colour)
    elif shape == 1:
        draw.rounded_rectangle((20, 20, size - 20, size - 20), radius=36, fill=colour)
    else:
        half = size // 2
        draw.polygon([(half, 8), (size - 8, half), (half, size - 8), (8, half)], fill=colour)
    try:
        font = ImageFont.load_default(size=96)
    except TypeError:  # Pillow before 10.1: a small bitmap font
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), _initials(name), fill=(255, 255, 255), font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    by = ctx.users.get("network_admin")
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
        # Varied choices: most show their sector, line and site, fewer their team size.
        choices = {
            "show_sector": rng.random() < 0.9,
            "show_tagline": rng.random() < 0.85,
            "show_description": rng.random() < 0.6,
            "show_website": rng.random() < 0.6,
            "show_founded": rng.random() < 0.5,
            "show_site": rng.random() < 0.8,
            "show_program": rng.random() < 0.5,
            "show_team_size": rng.random() < 0.3,
            "show_contact": rng.random() < 0.7,
        }
        profiles.append(
            ShowcaseProfile(
                startup=startup,
                tagline=tagline,
                products="\n".join(rng.sample(products, min(len(products), rng.randint(1, 3)))),
                seeks_clients=rng.random() < 0.7,
                seeks_funding=rng.random() < 0.4,
                seeks_talent=rng.random() < 0.35,
                **choices,
            )
        )
    ShowcaseProfile.objects.bulk_create(profiles, ignore_conflicts=True)
    logos = 0
    for n, profile in enumerate(profiles[:LOGOS]):
        upload = SimpleUploadedFile("logo.png", draw_logo(profile.startup.name, n))
        choices = {f: getattr(profile, f) for f in ShowcaseProfile.CHOICES}
        choices["show_logo"] = n % 6 != 5  # a few keep their logo to themselves
        showcase_update(startup=profile.startup, data=choices, logo=upload, by=by)
        logos += 1
    ctx.log(f"{len(profiles)} showcase profiles, {logos} with a logo (drawn for the demo)")
    seed_site_pages(ctx)
