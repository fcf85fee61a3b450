"""Sending a message to a selection: once per form (its key), in each reader's language."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.messaging.audiences import MAX_RECIPIENTS
from technopark.messaging.models import Message, Recipient
from technopark.notifications.models import EmailLog
from technopark.notifications.services import notification_send

# A person sends this many messages an hour at most.
PER_HOUR = 20
LANGUAGES = ("fr", "ar", "en")


@acts_for_by
def message_send(*, key: str, audience: str, audience_label: str, texts: dict, users, by,
                 site=None) -> tuple[Message, bool]:  # fmt: skip
    """Write to `users` (a queryset already read through the permission layer): in the
    platform and by e-mail, each in their language where written, else in French.
    (message, sent now); a second call with the same key sends nothing again."""
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    if not (texts.get("subject_fr") or "").strip() or not (texts.get("body_fr") or "").strip():
        raise DomainError(_("Write the message in French at least."), code="no_french")
    for lang in ("ar", "en"):
        if bool((texts.get(f"subject_{lang}") or "").strip()) != bool(
            (texts.get(f"body_{lang}") or "").strip()
        ):
            raise DomainError(
                _("Give both the subject and the message in each language you write."),
                code="half_written",
                field=f"body_{lang}",
            )
    people = list(users.order_by("pk"))
    if not people:
        raise DomainError(_("Nobody is in this selection."), code="empty")
    if len(people) > MAX_RECIPIENTS:
        raise DomainError(
            _("At most %(max)s people per message: choose a smaller selection.")
            % {"max": MAX_RECIPIENTS},
            code="too_many",
        )
    hour_ago = timezone.now() - timedelta(hours=1)
    if Message.objects.filter(sent_by=by, sent_at__gte=hour_ago).count() >= PER_HOUR:
        raise DomainError(
            _("You sent %(n)s messages in the last hour: wait a little before the next one.")
            % {"n": PER_HOUR},
            code="rate",
        )
    try:
        with transaction.atomic():
            message = Message.objects.create(
                key=key,
                audience=audience,
                audience_label=audience_label[:300],
                site=site,
                sent_by=by if getattr(by, "pk", None) else None,
                **{
                    f"{part}_{lang}": (texts.get(f"{part}_{lang}") or "").strip()
                    for part in ("subject", "body")
                    for lang in LANGUAGES
                },  # fmt: skip
            )
            before = EmailLog.objects.aggregate(last=Max("pk"))["last"] or 0
            written = message.written_in()
            for user in people:
                lang = user.language if user.language in written else "fr"
                subject, body = message.text_in(lang)
                notification_send(
                    to=user,
                    kind="messaging.message",
                    context={"subject": subject, "body": body},
                    url=reverse("notifications:index"),
                )
                log = (
                    EmailLog.objects.filter(pk__gt=before, user=user, kind="messaging.message")
                    .order_by("-pk")
                    .first()
                )
                Recipient.objects.create(message=message, user=user, language=lang, email_log=log)
            record("message.sent", message, by=by, site=site, payload={"audience": audience, "recipients": len(people), "languages": written})  # fmt: skip
    except IntegrityError:  # the same form sent twice at once: the other one sent it
        return Message.objects.get(key=key), False
    return message, True
