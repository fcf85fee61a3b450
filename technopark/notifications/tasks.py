"""Background work of notifications: send one logged e-mail, retrying when SMTP fails.

Each attempt first claims the e-mail (queued -> sending, one conditional UPDATE committed
before SMTP), so two jobs never send the same e-mail. A worker killed during the attempt
leaves it "sending": the job is lost, and `jobs_lost` (called by core/workers.py) puts the
e-mail back in the queue; a claim older than TECHNOPARK_JOB_STALL_SECONDS is taken over by
the next attempt (`technopark daily` queues one). An e-mail is sent once, unless the worker
died between the SMTP server's acceptance and the "sent" mark: then it is sent twice,
never lost.
"""

from __future__ import annotations

import base64
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import TaskContext, task

MAX_ATTEMPTS = 4
BACKOFF_SECONDS = (60, 300, 1800)


def email_log_claim(log_id: int, *, by: str = ""):
    """Take the e-mail for one attempt (queued, or sending under a lapsed claim -> sending,
    one more attempt); the row, or None when it is sent, failed or being sent by another job."""
    from technopark.notifications.models import EmailLog

    now = timezone.now()
    lapsed = now - timedelta(seconds=settings.TECHNOPARK_JOB_STALL_SECONDS)
    claimable = Q(status=EmailLog.Status.QUEUED) | Q(
        status=EmailLog.Status.SENDING, claimed_at__lt=lapsed
    )
    taken = EmailLog.objects.filter(claimable, pk=log_id).update(
        status=EmailLog.Status.SENDING, claimed_at=now, claimed_by=by, attempts=F("attempts") + 1
    )
    return EmailLog.objects.get(pk=log_id) if taken else None


def email_log_deliver(log) -> bool:
    """Send one claimed EmailLog row now (`email_log_claim`); record the outcome. True when sent.

    Every e-mail says it is automatic; an optional kind sent to a person carries its
    one-click unsubscribe (`unsubscribe.email_headers`)."""
    from technopark.notifications.unsubscribe import email_headers

    message = EmailMultiAlternatives(
        subject=log.subject,
        body=log.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[log.to_address],
        headers=email_headers(log.kind, log.user_id),
    )
    if log.body_html:
        message.attach_alternative(log.body_html, "text/html")
    for item in log.attachments or []:
        message.attach(item["name"], base64.b64decode(item["data"]), item["mimetype"])
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded and retried
        log.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        log.status = log.Status.QUEUED if log.attempts < MAX_ATTEMPTS else log.Status.FAILED
        log.save(update_fields=["last_error", "status"])
        return False
    log.status = log.Status.SENT
    log.sent_at = timezone.now()
    log.last_error = ""
    log.save(update_fields=["last_error", "status", "sent_at"])
    return True


@task(takes_context=True)
def send_email(context: TaskContext, log_id: int) -> str:
    from technopark.notifications.models import EmailLog

    log = email_log_claim(log_id, by=str(context.task_result.id))
    if log is None:
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


def jobs_lost(rows) -> None:
    """Jobs whose worker died (core/workers.py): their e-mails go back in the queue, now."""
    from technopark.notifications.models import EmailLog

    lost = [r for r in rows if r.task_path == send_email.module_path]
    if not lost:
        return
    EmailLog.objects.filter(
        status=EmailLog.Status.SENDING, claimed_by__in=[str(r.pk) for r in lost]
    ).update(status=EmailLog.Status.QUEUED)
    log_ids = {r.args_kwargs.get("args", [None])[0] for r in lost} - {None}
    waiting = EmailLog.objects.filter(pk__in=log_ids, status=EmailLog.Status.QUEUED)
    for pk in waiting.values_list("pk", flat=True):
        send_email.enqueue(pk)
