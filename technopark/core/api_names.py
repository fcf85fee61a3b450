"""The API's names in every language: `name_i18n` / `title_i18n` beside `name` / `title`.

`name` follows the request's language (`Accept-Language`, French when a translation is
missing); an integrator that needs them all reads `name_i18n: {fr, ar, en}` (each filled
with the French text where no translation was given)."""

from __future__ import annotations

from ninja import Schema


class Texts(Schema):
    fr: str
    ar: str
    en: str
