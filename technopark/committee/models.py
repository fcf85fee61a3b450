"""A selection committee's session on a call: its members, its agenda, the conflicts its
members declared, their votes, the decisions and the minutes (procès-verbal).

The trace funders ask for: who sat, who was present, who declared a conflict on which
application (and so neither voted on it nor saw its votes), how each member voted, what the
committee decided and why, and the minutes the chair approved, frozen from then on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from technopark.programs.models import Application, Call


class Session(models.Model):
    class Minutes(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="committee_sessions"
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        default=3,
        help_text=_("The number of present members without a conflict needed to decide."),
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When the attendance was recorded: the session is held, its members may vote.
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    minutes = models.CharField(
        _("minutes"), max_length=10, choices=Minutes.choices, default=Minutes.DRAFT
    )
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("committee session")
        verbose_name_plural = _("committee sessions")
        constraints = [
            models.CheckConstraint(condition=Q(quorum__gte=1), name="committee_quorum_positive"),
            models.CheckConstraint(
                condition=Q(minutes="draft") | Q(minutes_approved_at__isnull=False),
                name="committee_approved_minutes_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call} — {timezone.localtime(self.starts_at):%d/%m/%Y}"

    @property
    def site_id(self) -> int:
        return self.call.site_id

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    @property
    def is_frozen(self) -> bool:
        return self.minutes == self.Minutes.APPROVED


class Member(models.Model):
    """A person sitting on the session: network staff, an expert, a partner's representative."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    # None until the attendance is recorded.
    present = models.BooleanField(_("present"), null=True, blank=True)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="committee_member_unique"),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.email


class AgendaItem(models.Model):
    """One application the session decides on, and what it decided."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="committee_items",
    )
    position = models.PositiveSmallIntegerField(default=0)
    decision = models.CharField(
        _("decision"), max_length=12, blank=True, choices=Application.Status.choices
    )
    reasons = models.TextField(_("reasons"), blank=True)
    override_reason = models.TextField(_("reason for deciding without every review"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "application"], name="committee_item_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.application.project_name


class Declaration(models.Model):
    """A member's declaration on one application: a conflict of interest, or none."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="declarations")
    conflict = models.BooleanField(_("conflict of interest"))
    note = models.CharField(_("nature of the conflict"), max_length=300, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "member"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="committee_declaration_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.item}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", pgettext_lazy("vote", "For")
        AGAINST = "against", pgettext_lazy("vote", "Against")
        ABSTAIN = "abstain", pgettext_lazy("vote", "Abstain")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "member"]
        constraints = [
            # One vote per member per application: the database refuses a second.
            models.UniqueConstraint(fields=["item", "member"], name="committee_vote_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.item}"
