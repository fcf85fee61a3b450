"""A message written by staff to a selection (an event's attendees, a cohort, a site's
residents, late payers, those who have not answered a campaign, a hand-made selection),
and who got it, in which language."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Site


class Message(models.Model):
    class Audience(models.TextChoices):
        EVENT = "event", _("An event's attendees")
        COHORT = "cohort", _("A program's cohort")
        RESIDENTS = "residents", _("A site's residents")
        LATE_PAYERS = "late_payers", _("Late payers of a site")
        NON_RESPONDENTS = "non_respondents", _("Those who have not answered a campaign")
        SELECTION = "selection", _("A selection made in a list")
        STARTUPS = "startups", _("The members of startups selected in the directory")

    key = models.CharField(max_length=64, unique=True)  # one send per form, whatever the clicks
    audience = models.CharField(_("to"), max_length=20, choices=Audience.choices)
    audience_label = models.CharField(_("to"), max_length=300)
    site = models.ForeignKey(
        Site, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_fr = models.CharField(_("subject (French)"), max_length=200)
    body_fr = models.TextField(_("message (French)"))
    subject_ar = models.CharField(_("subject (Arabic)"), max_length=200, blank=True)
    body_ar = models.TextField(_("message (Arabic)"), blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("message (English)"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.subject_fr

    def written_in(self) -> list[str]:
        return [lang for lang in ("fr", "ar", "en") if getattr(self, f"body_{lang}")]

    def text_in(self, language: str) -> tuple[str, str]:
        lang = language if language in self.written_in() else "fr"
        return getattr(self, f"subject_{lang}"), getattr(self, f"body_{lang}")


class Recipient(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=5)
    # The e-mail sent (its status: queued, sent, failed), when the person gets e-mails.
    email_log = models.ForeignKey(
        "notifications.EmailLog", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="message_recipient_once")
        ]
