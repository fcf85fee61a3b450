"""Names staff give in French, Arabic and English: each reader sees their language.

The French text stays in the field's own column (`name`, `title`, `description`), so every
query, sort, import and export that reads the column keeps working on the French source,
and today's names are the French ones without a data migration. Two sibling columns hold
the translations (`name_ar`, `name_en`, made by `translation_field()`). Reading the
attribute (`site.name`, `{{ site.name }}`, `str(site)`) gives the text in the active
language, French when that translation is empty; writing it sets the French.

How: a translated field's attname is `<name>_fr` (its column stays `<name>`), so Django's
own reads and writes (`getattr(obj, attname)` when saving, bulk-updating, refreshing,
checking uniqueness, filling a form's initial values, serialising) handle the French, and
`obj.name_fr` is the French; the class attribute `name` is a `TranslatedAttribute` that
reads the active language. Queries name the field as ever: `filter(name=...)` is French.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SOURCE = "fr"
TRANSLATED = ("ar", "en")
LANGUAGE_NAMES = {"fr": _("French"), "ar": _("Arabic"), "en": _("English")}


def active_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE or SOURCE)[:2]


def source_value(obj: models.Model, field: str) -> str:
    """The French text of `field`, whatever the active language (`<field>_fr`: the
    attname of a translated field, or a column of models that name it so)."""
    value = getattr(obj, f"{field}_fr", None)
    if value is None:
        value = getattr(obj, field, "")
    return value or ""


def in_language(obj: models.Model, field: str, language: str | None = None) -> str:
    """The text of `field` in `language` (default: the active one), else the French one.

    A translation not loaded (a query with `.only()`) counts as missing: no extra query.
    """
    language = (language or active_language())[:2]
    if language != SOURCE:
        text = obj.__dict__.get(f"{field}_{language}")
        if text:
            return text
    return source_value(obj, field)


def i18n(obj: models.Model, field: str = "name") -> dict[str, str]:
    """`{"fr": ..., "ar": ..., "en": ...}`: the text in every language, French filling gaps."""
    return {code: in_language(obj, field, code) for code, _label in settings.LANGUAGES}


def missing(obj: models.Model, field: str = "name") -> list[str]:
    """The languages (codes) whose translation of `field` is empty, when the French is not."""
    if not source_value(obj, field):
        return []
    return [code for code in TRANSLATED if not getattr(obj, f"{field}_{code}", "")]


class TranslatedAttribute:
    """`obj.name`: the text in the active language (French fallback); setting it sets the
    French. The French itself lives under the field's attname (`obj.name_fr`)."""

    def __init__(self, field: models.Field):
        self.field = field

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        source = getattr(instance, self.field.attname)  # loads a deferred field
        language = active_language()
        if language != SOURCE:
            text = instance.__dict__.get(f"{self.field.name}_{language}")
            if text:
                return text
        return source

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class _Translated:
    """The French text is stored under the attname `<name>_fr` (column `<name>`): Django's
    own reads (`getattr(obj, attname)` when saving, bulk-updating, refreshing, checking
    uniqueness, filling a form) see the French; `obj.<name>` reads the active language."""

    def get_attname(self):
        return f"{self.name}_fr"

    def get_attname_column(self):
        return self.get_attname(), self.db_column or self.name

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, name, TranslatedAttribute(self))


class TranslatedCharField(_Translated, models.CharField):
    """A CharField holding the French text, read in the active language."""

    def deconstruct(self):
        # The column is a plain CharField: migrations need not know (no table rebuild).
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class TranslatedTextField(_Translated, models.TextField):
    """A TextField holding the French text, read in the active language."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs


def add_translation_columns(
    model_name: str, table: str, fields: list[tuple[str, models.Field]]
) -> list:
    """Migration operations adding translation columns in place, on both databases.

    `ALTER TABLE ... ADD COLUMN ... DEFAULT ''` instead of Django's `AddField`, which on
    SQLite rebuilds the table (and so breaks the triggers other tables hold on it).
    """
    from django.db import migrations

    operations = []
    for column, field in fields:
        kind = f"varchar({field.max_length})" if field.max_length else "text"
        operations.append(
            migrations.SeparateDatabaseAndState(
                database_operations=[
                    migrations.RunSQL(
                        f"ALTER TABLE {table} ADD COLUMN {column} {kind} NOT NULL DEFAULT ''",
                        f"ALTER TABLE {table} DROP COLUMN {column}",
                    )
                ],
                state_operations=[
                    migrations.AddField(model_name=model_name, name=column, field=field)
                ],
            )
        )
    return operations


def translation_field(field: str, language: str, *, max_length: int | None = None):
    """The column of one translation (`<field>_<language>`), always optional."""
    label = {
        ("name", "ar"): _("name (Arabic)"),
        ("name", "en"): _("name (English)"),
        ("title", "ar"): _("title (Arabic)"),
        ("title", "en"): _("title (English)"),
        ("description", "ar"): _("description (Arabic)"),
        ("description", "en"): _("description (English)"),
    }[(field, language)]
    if max_length is None:
        return models.TextField(label, blank=True)
    return models.CharField(label, max_length=max_length, blank=True)


def missing_column(field: str = "name"):
    """An admin list column naming the languages whose translation of `field` is missing."""

    def column(obj) -> str:
        return ", ".join(str(LANGUAGE_NAMES[code]) for code in missing(obj, field))

    column.short_description = _("translations missing")
    return column


def translations_bulk_set(model: type[models.Model], rows: dict[int, dict[str, str]]) -> int:
    """Write translation columns (`name_ar`, `title_en`, ...) of many rows, by primary key.

    For the owner's services only (the demo, a future import); the French source columns
    are never written here.
    """
    fields = sorted({name for values in rows.values() for name in values})
    if any(name[-3:] not in ("_ar", "_en") for name in fields):
        raise ValueError(f"only translation columns may be set here, not {fields}")
    objects = [model(pk=pk, **values) for pk, values in rows.items()]
    return model.objects.bulk_update(objects, fields, batch_size=500) if objects else 0


class TranslatedText(str):
    """A name for a message's context: its value is the French text (what JSON or a log
    keeps), and it prints in the language active when printed, so an e-mail rendered under
    `translation.override(recipient's language)` names things in the recipient's language."""

    def __new__(cls, value: str, texts: dict[str, str]):
        self = super().__new__(cls, value)
        self.texts = texts
        return self

    def __str__(self) -> str:
        return self.texts.get(active_language()) or str.__str__(self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self):
        return TranslatedText, (str.__str__(self), self.texts)


def name_of(obj: models.Model | None, field: str = "name", fallback: str = "") -> str:
    """`obj.<field>` as a TranslatedText (French, Arabic, English), for messages' contexts."""
    if obj is None:
        return fallback
    texts = {code: in_language(obj, field, code) or fallback for code in (SOURCE, *TRANSLATED)}
    return TranslatedText(texts[SOURCE], texts)
