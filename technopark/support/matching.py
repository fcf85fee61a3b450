"""Which experts fit a startup's request, and why: token overlap weighted by skills and sector.

Scores: a skill named in full in the request weighs 3, a word shared with a skill 1, the
startup's sector among the expert's sectors 2, a word of the request among the sectors 1.
Every point comes with its reason. The hours a startup may use are its own, per programme
period (`support.selectors`), not the expert's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from technopark.support.models import Expert, ExpertSession

STOPWORDS = set(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "est",
        "il",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "ma",
        "mais",
        "me",
        "mes",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "the",
        "and",
        "for",
        "with",
        "our",
        "we",
        "of",
        "to",
        "in",
        "on",
        "an",
        "is",
        "are",
        "be",
        "need",
        "help",
        "besoin",
        "aide",
    ]
)
SKILL_PHRASE, SKILL_WORD, SECTOR, SECTOR_WORD = 3, 1, 2, 1


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tokens(text: str) -> set[str]:
    return {
        t
        for t in re.findall(r"[a-z0-9\u0600-\u06ff]+", normalise(text))
        if len(t) > 2 and t not in STOPWORDS
    }


@dataclass
class ExpertMatch:
    expert: Expert
    score: int
    reasons: list[str] = field(default_factory=list)


def hours_used(experts) -> dict[int, Decimal]:
    """Each expert's hours booked (proposed, accepted or held), for the staff's overview."""
    rows = (
        ExpertSession.objects.filter(expert__in=experts, status__in=ExpertSession.LIVE)
        .values("expert_id")
        .annotate(total=Sum("hours"))
    )
    return {r["expert_id"]: r["total"] or Decimal(0) for r in rows}


def match_experts(*, text: str, sector: str = "", limit: int = 5) -> list[ExpertMatch]:
    """Ranked experts for a request, best first, with the reasons for each (one query)."""
    words = tokens(text)
    plain = normalise(text)
    sector_norm = normalise(sector).strip()
    experts = list(Expert.objects.filter(Q(active=True)).select_related("user"))
    matches = []
    for expert in experts:
        score, reasons = 0, []
        for skill in expert.skill_list():
            skill_norm = normalise(skill)
            if skill_norm and skill_norm in plain:
                score += SKILL_PHRASE
                reasons.append(_("skill “%(s)s” named in the request") % {"s": skill})
                continue
            shared = tokens(skill) & words
            if shared:
                score += SKILL_WORD * len(shared)
                reasons.append(
                    _("skill “%(s)s” shares: %(w)s") % {"s": skill, "w": ", ".join(sorted(shared))}
                )
        sectors = [normalise(s) for s in expert.sector_list()]
        if sector_norm and sector_norm in sectors:
            score += SECTOR
            reasons.append(_("knows the startup's sector (%(s)s)") % {"s": sector})
        else:
            shared = words & set().union(*(tokens(s) for s in sectors)) if sectors else set()
            if shared:
                score += SECTOR_WORD
                reasons.append(_("sector words: %(w)s") % {"w": ", ".join(sorted(shared))})
        if score:
            matches.append(ExpertMatch(expert=expert, score=score, reasons=reasons))
    matches.sort(key=lambda m: (-m.score, m.expert.user.full_name))
    return matches[:limit]
