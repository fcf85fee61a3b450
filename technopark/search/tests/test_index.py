"""The names' index finds what scoring every name would: its bigram prefilter drops no
match, typos, accents, e-mails and short queries included."""

from __future__ import annotations

import itertools
import random

import pytest

from technopark.search.selectors import TextIndex, fold, score

NAMES = [
    "Sahara Solar",
    "Saharat Tech",
    "Café Fès Digital",
    "Benjelloun Conseil",
    "Atlas Agritech",
    "Ibn Battuta Logistics",
    "Dar Al Maghrib",
    "Souss Data",
    "Marrakech Mobility",
    "Oasis Edtech",
    "Rif Robotics",
    "Tanger Med Tech",
    "Al Akhawayn Labs",
    "Chefchaouen Blue",
    "أطلس للتكنولوجيا",
    "Zagora Water",
    "Kenitra Kinetics",
    "Ouarzazate Cinema Lab",
    "El Jadida Fish",
    "A1",
]
EMAILS = ["omar.tazi@example.ma", "salma.benjelloun@startup.ma", "k.alaoui@atlas.ma"]


def _typos(word: str, rng: random.Random) -> list[str]:
    """The word with one letter dropped, doubled, swapped or replaced, a few times over."""
    out = []
    for _ in range(6):
        i = rng.randrange(len(word))
        out += [
            word[:i] + word[i + 1 :],
            word[:i] + word[i] + word[i:],
            word[:i] + "x" + word[i + 1 :],
            word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],
        ]
    return out


def queries() -> list[str]:
    rng = random.Random(23)
    found = ["sa", "fe", "fes", "cafe", "sahra", "benjeloun", "tech", "lab", "a1", "atlas"]
    for name in NAMES:
        folded = fold(name)
        found += [folded, folded[:5], folded[2:9], folded[-6:]]
        for word in folded.split():
            found += [w for w in _typos(word, rng) if len(fold(w)) >= 2]
    found += ["omar", "tazi@ex", "benjelloun@", "alaoui"]
    return sorted({fold(q) for q in found if len(fold(q)) >= 2})


@pytest.fixture(scope="module")
def index() -> TextIndex:
    made = TextIndex(stamp=(), made=0.0)
    for pk, (name, email) in enumerate(itertools.zip_longest(NAMES, EMAILS, fillvalue="")):
        made.add(pk, (fold(name),), (fold(email),) if email else ())
    return made


@pytest.mark.parametrize("q", queries())
def test_the_index_finds_what_scoring_every_name_finds(index, q):
    every = {}
    for pk, (texts, exact) in enumerate(zip(index.texts, index.exact, strict=True)):
        s = score(q, *texts, exact_only=exact)
        if s:
            every[pk] = s
    assert index.matches(q) == every
