"""Startups, their members, and the records the bilan counts about them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from technopark.network.models import Region

ICE_VALIDATOR = RegexValidator(r"^\d{15}$", _("The ICE is exactly 15 digits."))
REF_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9._-]{1,40}$", _("Use letters, digits, '.', '_' and '-' only, at most 40.")
)


class Startup(models.Model):
    class LegalForm(models.TextChoices):
        SARL = "SARL", "SARL"
        SARL_AU = "SARL_AU", "SARL AU"
        SA = "SA", "SA"
        SAS = "SAS", "SAS"
        SNC = "SNC", "SNC"
        AUTO_ENTREPRENEUR = "AUTO_ENTREPRENEUR", _("Auto-entrepreneur")
        COOPERATIVE = "COOPERATIVE", _("Cooperative")
        OTHER = "OTHER", _("Other")

    ref = models.CharField(
        _("reference"),
        max_length=40,
        unique=True,
        validators=[REF_VALIDATOR],
        help_text=_("The network's own reference for the startup, e.g. S001-00042."),
    )
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    ice = models.CharField(
        _("ICE"), max_length=15, null=True, blank=True, unique=True, validators=[ICE_VALIDATOR]
    )
    rc = models.CharField(_("RC (trade register)"), max_length=30, blank=True)
    rc_court = models.CharField(_("RC court"), max_length=60, blank=True)
    tax_id = models.CharField(_("IF (tax identifier)"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    billing_email = models.EmailField(
        _("billing e-mail"), blank=True, help_text=_("Where invoices and credit notes are sent.")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    public = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("Shown in the public directory and showcase."),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("startup")
        verbose_name_plural = _("startups")
        indexes = [
            # The directory's page in its order: read down this index, not every startup
            # it shows sorted (docs/performance.md, "Ten times the network").
            models.Index(fields=["name", "id"], name="startup_name"),
            # The search's index of names asks for the last change at each search
            # (search.selectors.startup_index): one step down this index, not a scan.
            models.Index(fields=["updated_at"], name="startup_updated"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("startups:detail", args=[self.ref])


class Membership(models.Model):
    """A person of a startup's team with an account on the platform."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    is_founder = models.BooleanField(_("founder"), default=False)
    title = models.CharField(_("title"), max_length=100, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_founder", "joined_at"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["startup", "user"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.startup}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A founder's invitation of a teammate, by e-mail."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email


class FollowUp(models.Model):
    """What became of a startup after it left (survival after exit)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")
        ACQUIRED = "acquired", _("Acquired")
        MERGED = "merged", _("Merged")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="followups")
    observed_on = models.DateField(_("observed on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Facts for the bilan, kept by the database whoever writes (the triggers of
    # programs/migrations_sql_facts.py), never by the application: the date of the
    # startup's next follow-up (empty for its latest), the end of the startup's latest
    # graduated incubation on or before this observation (the exit it follows; empty if
    # none) and of its first one after (empty if none). Survival after exit as of D is then
    # one filter: the follow-ups with observed_on <= D < superseded_on that follow an exit
    # with no later exit by D.
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True, editable=False)
    exit_on = models.DateField(_("exit followed"), null=True, blank=True, editable=False)
    next_exit_on = models.DateField(_("next exit"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["startup", "observed_on"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["startup", "observed_on"], name="followup_unique"),
        ]
        indexes = [
            # The bilan's survival after exit on a day, from the index alone.
            models.Index(
                fields=["superseded_on", "observed_on", "exit_on", "next_exit_on", "status"],
                name="followup_after_exit",
            ),
        ]


class Headcount(models.Model):
    """Jobs declared by a startup at a date."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="headcounts")
    as_of = models.DateField(_("as of"))
    direct_jobs = models.PositiveIntegerField(_("direct jobs"))
    indirect_jobs = models.PositiveIntegerField(_("indirect jobs"), default=0)
    # Facts for the bilan, kept by the database whoever writes (the triggers of
    # programs/migrations_sql_facts.py), never by the application: the date of the
    # startup's next headcount (empty for its latest), and the day from which this headcount
    # counts in the jobs (its date, or the startup's first enrollment if later; empty while
    # the startup has none). The jobs as of D are then one filter: counted_from <= D <
    # superseded_on, instead of a search per startup.
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True, editable=False)
    counted_from = models.DateField(_("counted from"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["startup", "as_of"]
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")
        constraints = [
            models.UniqueConstraint(fields=["startup", "as_of"], name="headcount_unique"),
        ]
        indexes = [
            # The bilan's jobs on a day, from the index alone.
            models.Index(
                fields=["superseded_on", "counted_from", "direct_jobs", "indirect_jobs"],
                name="headcount_counted",
            ),
        ]


class Export(models.Model):
    """Sales abroad by a startup in a year, by country (ISO 3166-1 alpha-2)."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="exports")
    year = models.PositiveSmallIntegerField(_("year"))
    country = models.CharField(_("country"), max_length=2)
    amount_mad = models.DecimalField(
        _("amount (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["startup", "year", "country"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.UniqueConstraint(fields=["startup", "year", "country"], name="export_unique"),
            models.CheckConstraint(condition=~Q(country="MA"), name="export_not_morocco"),
        ]


class Patent(models.Model):
    class Office(models.TextChoices):
        OMPIC = "OMPIC", "OMPIC"
        EPO = "EPO", _("EPO")
        WIPO = "WIPO", _("WIPO")
        USPTO = "USPTO", "USPTO"
        OTHER = "OTHER", _("Other")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="patents")
    filed_on = models.DateField(_("filed on"))
    office = models.CharField(
        _("office"), max_length=10, choices=Office.choices, default=Office.OMPIC
    )
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("reference"), max_length=60, blank=True)

    class Meta:
        ordering = ["startup", "filed_on"]
        verbose_name = _("patent")
        verbose_name_plural = _("patents")
        constraints = [
            models.UniqueConstraint(fields=["startup", "filed_on", "title"], name="patent_unique"),
        ]


class Funding(models.Model):
    """Money a startup raised with the network's help."""

    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant")
        LOAN = "loan", _("Loan")
        EQUITY = "equity", _("Equity")
        PRIZE = "prize", _("Prize")
        OTHER = "other", _("Other")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="fundings")
    obtained_on = models.DateField(_("obtained on"))
    source = models.CharField(_("source"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, blank=True)
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["startup", "obtained_on"]
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        constraints = [
            models.UniqueConstraint(
                fields=["startup", "obtained_on", "source"], name="funding_unique"
            ),
            models.CheckConstraint(condition=Q(amount_mad__gt=0), name="funding_positive"),
        ]


class Grouping(models.Model):
    """A GIE formed to answer tenders together, or a merger between startups."""

    class Kind(models.TextChoices):
        GIE = "gie", _("GIE / consortium")
        MERGER = "merger", _("Merger")

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    formed_on = models.DateField(_("formed on"))
    members = models.ManyToManyField(Startup, through="GroupingMember", related_name="groupings")

    class Meta:
        ordering = ["formed_on", "code"]
        verbose_name = _("grouping")
        verbose_name_plural = _("groupings")

    def __str__(self) -> str:
        return self.name


class GroupingMember(models.Model):
    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="memberships")
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="+")
    is_lead = models.BooleanField(_("lead"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grouping", "startup"], name="grouping_member_unique"),
        ]


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class StaffNote(models.Model):
    """A private note staff write on a startup they follow: shown on the startup's staff
    page (its timeline), never to the startup's members."""

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="staff_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(_("written on"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")

    def __str__(self) -> str:
        # What an action's label says of it: never its text.
        return f"#{self.pk}"
