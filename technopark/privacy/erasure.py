"""What erasing a person (law 09-08) does to the text that names them, outside their user row.

`privacy.services.user_anonymise` calls `erase_traces` in its transaction, before the user
row is blanked (it needs the name, e-mail and phone the person had):

- e-mails sent to the person: the e-mail log keeps the row (date, kind, status, language,
  attempts) and loses the recipient, the subject, the bodies, the attachments and the error;
- their in-app notifications are deleted;
- what they wrote that nobody else needs (`AUTHORED_TEXT`) is blanked;
- everywhere else, generically over every model's text and JSON columns, the exact strings
  the person had (their full name, e-mail address and phone number, not a bare first name,
  which other people share) are replaced: the name and phone by a pseudonym
  ("Personne effacée #<id>"), the e-mail by `deleted-<id>@invalid`. Audit entries, the
  e-mail log sent to others, requests, bookings, applications... keep their rows.

Kept as they are: `KEPT`, each with its reason. docs/security.md says the same for the data
protection officer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

# Records left exactly as they are, with the legal ground. Model labels (lower case).
KEPT: dict[str, str] = {
    # Issued invoices and credit notes are accounting documents: the law (loi 9-88, the
    # Code de commerce's article 22) keeps them as issued for ten years. Their client is a
    # startup, whose name may hold a founder's; they are never rewritten.
    "billing.invoice": "issued invoice, kept as issued for 10 years (accounting law 9-88)",
    "billing.invoiceline": "issued invoice, kept as issued for 10 years (accounting law 9-88)",
    "billing.creditnote": "issued credit note, kept for 10 years (accounting law 9-88)",
    # The user row is blanked by accounts.services.user_blank; organisations are not people.
    "accounts.user": "blanked by accounts.services.user_blank",
    "startups.startup": "an organisation's record, not the person's",
    # Secrets and keys: never personal text, and rewriting them would break them.
    "sessions.session": "encoded session data; the person's sessions no longer sign in",
    "contenttypes.contenttype": "no personal data",
    "auth.permission": "no personal data",
}

# Text the person wrote that no other party needs: (model label, path to the author, field,
# the text left instead — "" or a placeholder for a column that must not be empty).
AUTHORED_TEXT: list[tuple[str, str, str, bool]] = [
    ("support.requestmessage", "author", "text", True),
    ("community.answer", "registration__user", "value", False),
    ("surveys.satisfactionanswer", "respondent", "comment", False),
    ("desk.appointment", "booked_by", "note", False),
]

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def pseudonym(user_pk: int) -> str:
    """How the person is named after erasure, in the network's language (stored text)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Erased person #%(id)s") % {"id": user_pk}


@dataclass(frozen=True)
class Needle:
    """One string that named the person, and what replaces it."""

    text: str
    replacement: str
    ignore_case: bool = False

    def __post_init__(self):
        if not self.text.strip():
            raise ValueError("An empty needle would match everything.")

    def written(self) -> set[str]:
        """As written, and HTML-escaped (e-mail bodies)."""
        return {self.text, str(escape(self.text))}

    def variants(self) -> set[str]:
        """What a query looks for: also JSON-escaped, as JSON columns store it on SQLite."""
        return self.written() | {json.dumps(self.text)[1:-1]}

    def lookup(self) -> str:
        return "icontains" if self.ignore_case else "contains"

    def pattern(self) -> re.Pattern:
        """What is replaced in the values read (JSON columns are read decoded)."""
        alternatives = sorted(self.written(), key=len, reverse=True)
        flags = re.IGNORECASE if self.ignore_case else 0
        return re.compile("|".join(re.escape(a) for a in alternatives), flags)


def needles_for(*, pk: int, full_name: str, email: str, phone: str, new_email: str):
    """The person's exact strings. A one-word name is not searched: it is a first name that
    other people share, and replacing it would erase them too."""
    found = []
    name = " ".join(full_name.split())
    if len(name.split()) >= 2:
        found.append(Needle(name, pseudonym(pk)))
    if email:
        found.append(Needle(email, new_email, ignore_case=True))
    if len(re.sub(r"\D", "", phone or "")) >= 6:
        found.append(Needle(phone.strip(), pseudonym(pk)))
    return found


def replace_in(value, needles: list[Needle]):
    if isinstance(value, str):
        for needle in needles:
            value = needle.pattern().sub(lambda _m, n=needle: n.replacement, value)
        return value
    if isinstance(value, list):
        return [replace_in(item, needles) for item in value]
    if isinstance(value, dict):
        return {replace_in(k, needles): replace_in(v, needles) for k, v in value.items()}
    return value


def text_columns() -> Iterator[tuple[type[models.Model], list[models.Field]]]:
    """Every model's text and JSON columns, except the `KEPT` records."""
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        if model._meta.label_lower in KEPT:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and not f.primary_key and not f.choices
        ]
        if fields:
            yield model, fields


def _condition(field: models.Field, needles: list[Needle]) -> tuple[Q, dict]:
    annotations = {}
    name = field.name
    if isinstance(field, models.JSONField):
        name = f"_{field.name}_text"
        annotations[name] = Cast(field.name, models.TextField())
    condition = Q()
    for needle in needles:
        for variant in needle.variants():
            condition |= Q(**{f"{name}__{needle.lookup()}": variant})
    return condition, annotations


def replace_everywhere(needles: list[Needle]) -> int:
    """Replace the needles in every text column; one query per model to find the rows,
    one bulk update per model to write them. Returns the number of rows changed."""
    if not needles:
        return 0
    changed_rows = 0
    for model, fields in text_columns():
        condition, annotations = Q(), {}
        for field in fields:
            field_condition, field_annotations = _condition(field, needles)
            condition |= field_condition
            annotations.update(field_annotations)
        names = [f.name for f in fields]
        rows = model._base_manager.annotate(**annotations).filter(condition).only("pk", *names)
        changed, touched = [], set()
        for row in rows:
            row_changed = False
            for name in names:
                before = getattr(row, name)
                after = replace_in(before, needles)
                if after != before:
                    setattr(row, name, after)
                    touched.add(name)
                    row_changed = True
            if row_changed:
                changed.append(row)
        if changed:
            # bulk_update sends no signal: the audit trail does not keep the old values.
            model._base_manager.bulk_update(changed, sorted(touched), batch_size=500)
            changed_rows += len(changed)
    return changed_rows


def blank_authored_text(user) -> None:
    """What the person wrote that no other party needs (`AUTHORED_TEXT`)."""
    placeholder = _placeholder()
    for label, author, field, required in AUTHORED_TEXT:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model._base_manager.filter(**{author: user}).update(
            **{field: placeholder if required else ""}
        )


def _placeholder() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("(Removed: the personal data of its author were erased.)")


def redact_email_log(*, user, email: str, new_email: str) -> None:
    """E-mails sent to the person: the row stays (when, what kind, whether it left), what
    it said and to whom goes."""
    try:
        model = apps.get_model("notifications", "EmailLog")
    except LookupError:
        return
    model._base_manager.filter(Q(user=user) | Q(to_address__iexact=email)).update(
        to_address=new_email, subject="", body_text="", body_html="", attachments=[], last_error=""
    )


def delete_notifications(user) -> None:
    try:
        model = apps.get_model("notifications", "Notification")
    except LookupError:
        return
    model._base_manager.filter(user=user).delete()


def erase_traces(*, user, new_email: str) -> list[Needle]:
    """Everything above, for a person whose user row still holds what they had."""
    needles = needles_for(
        pk=user.pk,
        full_name=user.full_name or "",
        email=user.email or "",
        phone=getattr(user, "phone", "") or "",
        new_email=new_email,
    )
    redact_email_log(user=user, email=user.email, new_email=new_email)
    delete_notifications(user)
    blank_authored_text(user)
    replace_everywhere(needles)
    return needles
