import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    digested_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)
    wants_digest = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    class Choice(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DIGEST = "digest", _("Daily digest")
        OFF = "off", _("Off")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=80)
    choice = models.CharField(
        _("e-mail"), max_length=10, choices=Choice.choices, default=Choice.IMMEDIATE
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")


_SMTP_CODE = re.compile(r"\(([45])\d\d,")
_UNREACHABLE = (
    "SMTPServerDisconnected",
    "SMTPConnectError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "TimeoutError",
    "timed out",
    "gaierror",
    "OSError",
)


def delivery_problem(error: str) -> str:
    """What went wrong with an e-mail, in the reader's words and language; the raw SMTP
    error ("SMTPRecipientsRefused: {...: (550, b'5.1.1 ...')}") stays for the network's
    administrators, in a details element of the e-mail log."""
    if not error:
        return ""
    if "SMTPAuthenticationError" in error:
        return gettext("The platform could not sign in to its mail server: check its settings.")
    if any(word in error for word in _UNREACHABLE):
        return gettext("The mail server could not be reached; the e-mail can be sent again.")
    code = _SMTP_CODE.search(error)
    if code and code.group(1) == "4":
        return gettext("The recipient's mail server asked to try again later.")
    if "SMTPRecipientsRefused" in error or (code and code.group(1) == "5"):
        return gettext("The recipient's mail server refused this address: it may no longer exist.")
    return gettext("The e-mail could not be delivered.")


class EmailLog(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", pgettext_lazy("e-mail", "Sent")  # a status: أُرسل, not الإرسال
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=80)
    to_address = models.EmailField(_("to"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="email_logs",
    )
    language = models.CharField(_("language"), max_length=5)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The attempt under way ("sending"): when it began and which job runs it. A claim
    # older than TECHNOPARK_JOB_STALL_SECONDS, or whose job was lost, is tried again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("e-mail log entry")
        verbose_name_plural = _("e-mail log")

    @property
    def problem(self) -> str:
        """The last error as people read it (`delivery_problem`)."""
        return delivery_problem(self.last_error)

    def __str__(self) -> str:
        return f"{self.to_address}: {self.subject}"
