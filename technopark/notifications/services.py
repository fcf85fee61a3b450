"""The one way to notify someone: an in-app notification and, by preference, an e-mail."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.notifications import kinds as registry
from technopark.notifications.models import EmailLog, Notification, NotificationPreference
from technopark.notifications.unsubscribe import can_unsubscribe, unsubscribe_url

DIGEST = "notifications.digest"


def _plain_text(name: str, context: dict) -> str:
    """A subject or a text body: plain text, never HTML-escaped (a startup named `R&D "Lab"`
    reads so in the subject and the notification's title, which the pages escape once)."""
    return get_template(name).template.render(Context(context, autoescape=False))


def render_kind(kind: str, context: dict, language: str) -> tuple[str, str, str]:
    """(subject, text, html) of a kind in a language."""
    app = registry.get(kind).app
    base = f"notifications/{kind}"
    with translation.override(language):
        subject = " ".join(_plain_text(f"{base}/subject.txt", context).split())
        text = _plain_text(f"{base}/body.txt", context).strip() + "\n"
        inner = render_to_string(f"{base}/body.html", context)
        html = render_to_string(
            "notifications/email/base.html",
            {
                **context,
                "content": inner,
                "subject": subject,
                "language": language,
                "bidi": language in settings.LANGUAGES_BIDI,
            },
        )
    del app
    return subject, text, html


def _unsubscribe_footer(text: str, unsubscribe_url: str, language: str) -> str:
    """The e-mail's text part: the body, then (optional kinds) the link that turns the kind off.
    The in-app notification keeps the body alone."""
    if not unsubscribe_url:
        return text
    with translation.override(language):
        footer = _("Unsubscribe from this kind of e-mail: %(url)s") % {"url": unsubscribe_url}
    return f"{text}\n-- \n{footer}\n"


def preference_of(user, kind: str) -> str:
    k = registry.get(kind)
    choice = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("choice", flat=True)
        .first()
    ) or NotificationPreference.Choice.IMMEDIATE
    if k.mandatory and choice != NotificationPreference.Choice.IMMEDIATE:
        return NotificationPreference.Choice.IMMEDIATE
    return choice


@acts_for_by
def preference_set(*, user, kind: str, choice: str, by=None) -> NotificationPreference:
    k = registry.get(kind)
    if choice not in NotificationPreference.Choice.values:
        raise DomainError(
            _("Choose immediately, daily digest or off."), code="bad_choice", field=kind
        )
    if k.mandatory:
        choice = NotificationPreference.Choice.IMMEDIATE
    pref, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"choice": choice}
    )
    return pref


def _absolute(url: str) -> str:
    if url and url.startswith("/"):
        return settings.SITE_URL.rstrip("/") + url
    return url


def email_queue(
    *,
    kind: str,
    to_address: str,
    user,
    language: str,
    subject: str,
    text: str,
    html: str,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> EmailLog:
    from technopark.notifications.tasks import send_email

    log = EmailLog.objects.create(
        kind=kind,
        to_address=to_address,
        user=user,
        language=language,
        subject=subject[:300],
        body_text=text,
        body_html=html,
        attachments=[
            {"name": n, "data": base64.b64encode(d).decode(), "mimetype": m}
            for n, d, m in attachments
        ],
    )
    transaction.on_commit(partial(send_email.enqueue, log.pk))
    return log


@acts_for_by
def notification_send(
    *,
    to,
    kind: str,
    context: dict,
    url: str = "",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    language: str | None = None,
    by=None,
) -> None:
    registry.get(kind)  # an unknown kind is a programming error
    if to is None:
        return
    if isinstance(to, str) or hasattr(to, "pk"):
        recipients: Iterable = [to]
    else:
        recipients = list(to)
    seen: set = set()
    for recipient in recipients:
        if recipient is None or recipient in seen:
            continue
        seen.add(recipient)
        if isinstance(recipient, str):
            address = recipient.strip()
            if not address:
                continue
            lang = language or settings.LANGUAGE_CODE
            ctx = {
                **context,
                "recipient_name": "",
                "site_url": settings.SITE_URL,
                "url": _absolute(url),
            }
            subject, text, html = render_kind(kind, ctx, lang)
            email_queue(
                kind=kind,
                to_address=address,
                user=None,
                language=lang,
                subject=subject,
                text=text,
                html=html,
                attachments=attachments,
            )
            continue
        user = recipient
        lang = getattr(user, "language", "") or settings.LANGUAGE_CODE
        leave = unsubscribe_url(user.pk, kind) if can_unsubscribe(kind) else ""
        ctx = {
            **context,
            "recipient_name": user.full_name or user.email,
            "site_url": settings.SITE_URL,
            "url": _absolute(url),
            "unsubscribe_url": leave,
        }
        subject, text, html = render_kind(kind, ctx, lang)
        choice = preference_of(user, kind)
        Notification.objects.create(
            user=user,
            kind=kind,
            title=subject[:300],
            body=text,
            url=url,
            wants_digest=choice == NotificationPreference.Choice.DIGEST,
        )
        if choice == NotificationPreference.Choice.IMMEDIATE and user.email and user.is_active:
            email_queue(
                kind=kind,
                to_address=user.email,
                user=user,
                language=lang,
                subject=subject,
                text=_unsubscribe_footer(text, leave, lang),
                html=html,
                attachments=attachments,
            )


@acts_for_by
def notification_mark_read(*, user, pks: Iterable[int] | None = None, by=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    return qs.update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, user, choices: dict[str, str], by=None) -> list[NotificationPreference]:
    """Set several kinds at once: all of them, or none when one is not a valid choice.

    Mandatory kinds are left as they are (they are always sent immediately)."""
    bad = [
        kind
        for kind, choice in choices.items()
        if kind not in {k.code for k in registry.all_kinds()}
        or choice not in NotificationPreference.Choice.values
    ]
    if bad:
        raise DomainError(
            _("Choose immediately, daily digest or off for each kind of notification."),
            code="bad_choice",
            field=bad[0],
        )
    return [
        preference_set(user=user, kind=kind, choice=choice, by=by)
        for kind, choice in choices.items()
        if not registry.get(kind).mandatory
    ]


def notifications_mark_all_read(*, user, by=None) -> int:
    """Mark every unread notification of `user` read; how many were."""
    return notification_mark_read(user=user, pks=None, by=by)


@acts_for_by
def email_retry_pending(*, by=None) -> int:
    """Queue again the e-mails still waiting (run by `technopark daily`): those a failed
    attempt left queued, those whose attempt's claim lapsed (its worker was killed while
    sending), and those queued over a lease ago whose job never ran (it was lost). Each
    attempt claims its e-mail first, so one already being sent is not sent twice."""
    from technopark.notifications.tasks import send_email

    lapsed = timezone.now() - timedelta(seconds=settings.TECHNOPARK_JOB_STALL_SECONDS)
    waiting = (
        Q(status=EmailLog.Status.QUEUED, attempts__gt=0)
        | Q(status=EmailLog.Status.QUEUED, created__lt=lapsed)
        | Q(status=EmailLog.Status.SENDING, claimed_at__lt=lapsed)
    )
    pks = list(EmailLog.objects.filter(waiting).values_list("pk", flat=True))
    for pk in pks:
        send_email.enqueue(pk)
    return len(pks)


@transaction.atomic
@acts_for_by
def email_retry(*, log: EmailLog, by=None) -> EmailLog:
    """Send a failed e-mail again (the log's "Retry"): queued now, tried by the worker once
    more; if the server refuses it again it is marked failed again, with the new error."""
    from technopark.notifications.tasks import send_email

    log = EmailLog.objects.select_for_update().get(pk=log.pk)
    if log.status != EmailLog.Status.FAILED:
        raise DomainError(
            _("Only an e-mail that could not be sent can be sent again."), code="not_failed"
        )
    log.status = EmailLog.Status.QUEUED
    log.save(update_fields=["status"])
    transaction.on_commit(partial(send_email.enqueue, log.pk))
    return log


@acts_for_by
def digest_send(*, by=None) -> int:
    """One e-mail per person gathering their notifications marked for the daily digest."""
    pending = (
        Notification.objects.filter(wants_digest=True, digested_at__isnull=True)
        .select_related("user")
        .order_by("user_id", "created")
    )
    by_user: dict = {}
    for n in pending:
        by_user.setdefault(n.user, []).append(n)
    sent = 0
    for user, items in by_user.items():
        # "Off" for the digest itself (the preferences page, or its unsubscribe link): the
        # notifications stay in-app, no e-mail gathers them.
        wants_email = preference_of(user, DIGEST) != NotificationPreference.Choice.OFF
        if user.email and user.is_active and wants_email:
            lang = user.language or settings.LANGUAGE_CODE
            leave = unsubscribe_url(user.pk, DIGEST)
            ctx = {
                "items": [
                    {"title": n.title, "url": _absolute(n.url), "created": n.created} for n in items
                ],
                "recipient_name": user.full_name or user.email,
                "site_url": settings.SITE_URL,
                "url": _absolute(reverse("notifications:index")),
                "unsubscribe_url": leave,
            }
            subject, text, html = render_kind(DIGEST, ctx, lang)
            email_queue(
                kind=DIGEST,
                to_address=user.email,
                user=user,
                language=lang,
                subject=subject,
                text=_unsubscribe_footer(text, leave, lang),
                html=html,
            )
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(digested_at=timezone.now())
    return sent
