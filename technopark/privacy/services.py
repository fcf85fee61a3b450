"""Writes about personal data: consents, requests, anonymising a person (law 09-08)."""

from __future__ import annotations

import datetime as dt

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts.models import User
from technopark.accounts.permissions import forget
from technopark.accounts.services import user_blank
from technopark.core.actions import record
from technopark.core.errors import Conflict, DomainError
from technopark.privacy.erasure import erase_traces
from technopark.privacy.models import Consent, DataRequest, IdempotencyRecord

# Records that belong to an organisation, not to the person: deletion leaves their e-mail
# fields alone (issued invoices lose the person's address: it is not a mention the law keeps).
UNTOUCHED_MODELS = {"startups.startup"}


def has_consent(user, purpose: str) -> bool:
    """What other apps ask before showing a person publicly or sending them news."""
    if user is None or not getattr(user, "is_authenticated", True) or user.pk is None:
        return False
    return Consent.objects.filter(user=user, purpose=purpose, granted=True).exists()


@transaction.atomic
def consent_set(*, user: User, purpose: str, granted: bool) -> Consent:
    if purpose not in Consent.Purpose.values:
        raise DomainError(_("Unknown purpose."), field="purpose")
    consent, created = Consent.objects.get_or_create(user=user, purpose=purpose)
    changed = consent.granted != granted
    if changed:
        consent.granted = granted
        consent.save(update_fields=["granted", "updated_at"])
    if created or changed:  # the person's own choice: they are its actor
        record(
            "consent.changed",
            consent,
            by=user,
            label=consent.get_purpose_display(),
            payload={"purpose": purpose, "granted": granted},
        )
    return consent


def data_request_create(*, user: User, kind: str, message: str = "") -> DataRequest:
    if kind not in DataRequest.Kind.values:
        raise DomainError(_("Choose what you ask for."), field="kind")
    message = message.strip()
    if kind == DataRequest.Kind.CORRECTION and not message:
        raise DomainError(_("Say what should be corrected."), field="message")
    try:
        with transaction.atomic():
            return DataRequest.objects.create(user=user, kind=kind, message=message[:5000])
    except IntegrityError:
        raise Conflict(
            _("You already have an open request of this kind; the staff will answer it."),
            code="already_open",
        ) from None


@transaction.atomic
def data_request_close(
    *, request: DataRequest, by: User, status: str, answer: str = ""
) -> DataRequest:
    request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DataRequest.Status.OPEN:
        raise Conflict(_("This request was already handled."), code="already_handled")
    if status not in (DataRequest.Status.DONE, DataRequest.Status.REJECTED):
        raise DomainError(_("Choose done or rejected."), field="status")
    if status == DataRequest.Status.REJECTED and not answer.strip():
        raise DomainError(_("Say why the request is rejected."), field="answer")
    if status == DataRequest.Status.DONE and request.kind == DataRequest.Kind.DELETION:
        user_anonymise(user=request.user, by=by)
    request.status = status
    request.answer = answer.strip()
    request.handled_by = by
    request.handled_at = timezone.now()
    request.save(update_fields=["status", "answer", "handled_by", "handled_at"])
    record(
        "data_request.closed",
        request,
        by=by,
        label=f"{request.get_kind_display()} #{request.pk}",
        payload={"kind": request.kind, "status": status},
    )
    return request


def anonymous_email(user: User) -> str:
    return f"deleted-{user.pk}@invalid"


def _email_fields():
    """(model, field name) of every e-mail field outside the user table and organisations."""
    for model in apps.get_models():
        if model is User or model._meta.label_lower in UNTOUCHED_MODELS:
            continue
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.EmailField):
                yield model, field.name


@transaction.atomic
def user_anonymise(*, user: User, by: User | None) -> User:
    """Delete a person while keeping the counts of the bilan right.

    The user row stays (memberships, applications and bookings still count) but says
    nothing about the person any more: no name, no phone, an address that is not one,
    no password, no tokens, no second factor, no consents. Startups are untouched.
    Elsewhere (`privacy.erasure`): e-mails sent to them are redacted, their notifications
    deleted, what they wrote for nobody else blanked, and their name, e-mail and phone
    replaced by a pseudonym in every text column, except the records `KEPT` by law.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()  # one erasure at a time
    user.refresh_from_db()
    old_email = user.email
    new_email = anonymous_email(user)
    if old_email == new_email:
        raise Conflict(_("This person was already deleted."), code="already_deleted")
    erase_traces(user=user, new_email=new_email)
    for model, field in _email_fields():
        model.objects.filter(**{f"{field}__iexact": old_email}).update(**{field: new_email})
    user_blank(user=user, email=new_email)
    Consent.objects.filter(user=user).delete()
    _delete_optional(user, "mfa", "Authenticator")
    _delete_optional(user, "account", "EmailAddress")
    LogEntry.objects.filter(actor=user).update(actor_email=None, remote_addr=None)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk),
        object_id=user.pk,
        object_repr=new_email,
        action=LogEntry.Action.UPDATE,
        changes={"anonymised": ["***", new_email]},
        actor=by,
        timestamp=timezone.now(),
    )
    user.refresh_from_db()
    forget(user)
    record("account.anonymised", user, by=by, label=f"#{user.pk}")
    return user


def _delete_optional(user: User, app_label: str, model_name: str) -> None:
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return
    model.objects.filter(user=user).delete()


# --- Idempotency keys (house/api.py): the first answer to an API write, replayed to retries --


def idempotency_record_claim(
    *, user: User, key: str, method: str, path: str, body_hash: str, ttl_seconds: int
) -> tuple[IdempotencyRecord | None, bool]:
    """Claim the user's key for this request, an expired claim being forgotten first.

    Returns (the new record, True) for the first request; (the earlier record, False) for a
    retry, the record being None when the first attempt failed and was forgotten meanwhile.
    The claim commits at once (its own savepoint, not the caller's transaction), so a
    concurrent retry sees it while the first request runs.
    """
    scope = {"user": user, "key": key}
    expired = timezone.now() - dt.timedelta(seconds=ttl_seconds)
    IdempotencyRecord.objects.filter(**scope, created_at__lt=expired).delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                **scope, method=method, path=path, body_hash=body_hash
            )
    except IntegrityError:
        return IdempotencyRecord.objects.filter(**scope).first(), False
    return record, True


@transaction.atomic
def idempotency_record_store(
    *, record: IdempotencyRecord, status: int, body: bytes, content_type: str
) -> None:
    """Keep the first request's answer, to replay it to the retries."""
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        status=status, body=body, content_type=content_type
    )


@transaction.atomic
def idempotency_record_forget(*, record: IdempotencyRecord) -> None:
    """Forget a claim whose request failed or streamed, so a retry runs again."""
    IdempotencyRecord.objects.filter(pk=record.pk).delete()
