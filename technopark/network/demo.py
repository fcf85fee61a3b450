"""The demo's sites and spaces named in Arabic and English too (French is their source)."""

from __future__ import annotations

import re

from technopark.core.demo import DemoContext
from technopark.network.models import Site, Space
from technopark.network.services import names_translate

SITE_NAMES = {
    "CASA": ("تكنوبارك الدار البيضاء", "Technopark Casablanca"),
    "RABAT": ("تكنوبارك الرباط", "Technopark Rabat"),
    "TANGER": ("تكنوبارك طنجة", "Technopark Tangier"),
    "AGA-CISM": ("مدينة الابتكار سوس ماسة", "Souss-Massa Innovation City"),
    "AGA-TP": ("تكنوبارك أكادير", "Technopark Agadir"),
    "FES": ("تكنوبارك فاس", "Technopark Fez"),
    "OUJDA": ("تكنوبارك وجدة", "Technopark Oujda"),
    "TIZNIT": ("تكنوبارك تيزنيت", "Technopark Tiznit"),
}

# French name (a number may follow) -> Arabic, English.
SPACE_NAMES = {
    "Bureau": ("مكتب", "Office"),
    "Lab": ("مختبر", "Lab"),
    "Espace coworking": ("فضاء العمل المشترك", "Coworking space"),
    "Salle de réunion": ("قاعة الاجتماعات", "Meeting room"),
    "Auditorium": ("قاعة المحاضرات", "Auditorium"),
    "Salle Agora": ("قاعة أغورا", "Agora hall"),
}
NUMBERED = re.compile(r"^(?P<base>.*?)(?: (?P<number>\d+))?$")


def space_names(name: str) -> dict[str, str]:
    """`{"name_ar": ..., "name_en": ...}` for a demo space's French name, or {}."""
    match = NUMBERED.match(name)
    known = SPACE_NAMES.get(match["base"]) if match else None
    if not known:
        return {}
    number = f" {match['number']}" if match["number"] else ""
    return {"name_ar": known[0] + number, "name_en": known[1] + number}


def seed(ctx: DemoContext) -> None:
    sites = {
        pk: {"name_ar": SITE_NAMES[code][0], "name_en": SITE_NAMES[code][1]}
        for pk, code in Site.objects.filter(code__in=SITE_NAMES).values_list("pk", "code")
    }
    spaces = {}
    for pk, name in Space.objects.values_list("pk", "name"):
        names = space_names(name)
        if names:
            spaces[pk] = names
    names_translate(sites=sites, spaces=spaces)
