"""Amounts as an invoice writes them: in French words, as Moroccan accounting requires."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

CENT = Decimal("0.01")


def _words(n: int, unit: str) -> str:
    return f"{num2words(n, lang='fr')} {unit}{'s' if n > 1 else ''}"


def amount_in_words(amount: Decimal) -> str:
    """1644.50 → 'mille six cent quarante-quatre dirhams et cinquante centimes'."""
    amount = Decimal(amount).quantize(CENT, ROUND_HALF_UP)
    dirhams = int(amount)
    centimes = int((amount - dirhams) * 100)
    return f"{_words(dirhams, 'dirham')} et {_words(centimes, 'centime')}"


def amount_in_words_ar(amount: Decimal) -> str:
    """1644.50 → 'ألف و ستمائة و أربعة و أربعون درهم و خمسون سنتيم' (a receipt in Arabic)."""
    amount = Decimal(amount).quantize(CENT, ROUND_HALF_UP)
    dirhams = int(amount)
    centimes = int((amount - dirhams) * 100)
    words = f"{num2words(dirhams, lang='ar')} درهم"
    if centimes:
        words += f" و {num2words(centimes, lang='ar')} سنتيم"
    return words


def amount_in_words_en(amount: Decimal) -> str:
    """1644.50 → 'one thousand, six hundred and forty-four dirhams and fifty centimes'."""
    amount = Decimal(amount).quantize(CENT, ROUND_HALF_UP)
    dirhams = int(amount)
    centimes = int((amount - dirhams) * 100)
    words = f"{num2words(dirhams, lang='en')} dirham{'s' if dirhams > 1 else ''}"
    if centimes:
        words += f" and {num2words(centimes, lang='en')} centime{'s' if centimes > 1 else ''}"
    return words


def invoice_total_sentence(amount: Decimal) -> str:
    return f"Arrêtée la présente facture à la somme de {amount_in_words(amount)} TTC."


def credit_note_total_sentence(amount: Decimal) -> str:
    return f"Arrêté le présent avoir à la somme de {amount_in_words(amount)} TTC."
