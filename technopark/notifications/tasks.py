"""Background work of notifications: send one logged e-mail, retrying when SMTP fails."""

from __future__ import annotations

import base64
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

MAX_ATTEMPTS = 4
BACKOFF_SECONDS = (60, 300, 1800)


def email_log_deliver(log) -> bool:
    """Try to send one EmailLog row now; record the attempt. True when sent."""
    message = EmailMultiAlternatives(
        subject=log.subject,
        body=log.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[log.to_address],
    )
    if log.body_html:
        message.attach_alternative(log.body_html, "text/html")
    for item in log.attachments or []:
        message.attach(item["name"], base64.b64decode(item["data"]), item["mimetype"])
    log.attempts += 1
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded and retried
        log.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        log.status = log.Status.QUEUED if log.attempts < MAX_ATTEMPTS else log.Status.FAILED
        log.save(update_fields=["attempts", "last_error", "status"])
        return False
    log.status = log.Status.SENT
    log.sent_at = timezone.now()
    log.last_error = ""
    log.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return True


@task()
def send_email(log_id: int) -> str:
    from technopark.notifications.models import EmailLog

    log = EmailLog.objects.filter(pk=log_id).first()
    if log is None or log.status == EmailLog.Status.SENT:
        return "skipped"
    if email_log_deliver(log):
        return "sent"
    if log.status == EmailLog.Status.QUEUED and not getattr(
        settings, "TASKS_IMMEDIATE_NO_RETRY", _immediate()
    ):
        delay = BACKOFF_SECONDS[min(log.attempts - 1, len(BACKOFF_SECONDS) - 1)]
        send_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(log.pk)
    return log.status


def _immediate() -> bool:
    # The in-process backend cannot wait: a failed e-mail stays queued for `technopark daily`
    # (email_retry_pending) instead of retrying in a tight loop.
    from django_tasks import default_task_backend

    return "Immediate" in type(default_task_backend).__name__
