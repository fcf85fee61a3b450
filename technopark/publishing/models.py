"""What the network publishes: startups' showcase profiles and the generated bilan reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from technopark.core.uploads import private_upload_path
from technopark.network.models import Site
from technopark.startups.models import Startup


class ShowcaseProfile(models.Model):
    """What a listed startup tells visitors and partners: its products and what it looks for."""

    startup = models.OneToOneField(Startup, on_delete=models.CASCADE, related_name="showcase")
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    products = models.TextField(
        _("products and services"), blank=True, help_text=_("One per line.")
    )
    seeks_clients = models.BooleanField(_("looking for clients"), default=False)
    seeks_funding = models.BooleanField(_("looking for funding"), default=False)
    seeks_talent = models.BooleanField(_("looking for talent"), default=False)
    # The logo as stored: always a square PNG thumbnail drawn by Pillow at upload, never
    # the file the founder sent (see services.showcase_logo_set).
    logo = models.FileField(
        _("logo"), upload_to=private_upload_path("publishing/logos"), blank=True, editable=False
    )
    # What the public page, the directory, the widget and the feed show: the startup's name
    # always, the rest only when its founders chose it (all off until they do).
    show_logo = models.BooleanField(_("the logo"), default=False)
    show_sector = models.BooleanField(_("the sector"), default=False)
    show_tagline = models.BooleanField(_("the one line"), default=False)
    show_description = models.BooleanField(_("the description"), default=False)
    show_website = models.BooleanField(_("the website"), default=False)
    show_founded = models.BooleanField(_("the founding year"), default=False)
    show_site = models.BooleanField(_("the site (and its region)"), default=False)
    show_program = models.BooleanField(_("the program"), default=False)
    show_team_size = models.BooleanField(_("the team size"), default=False)
    show_contact = models.BooleanField(_("the contact form"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    CHOICES = (
        "show_logo",
        "show_sector",
        "show_tagline",
        "show_description",
        "show_website",
        "show_founded",
        "show_site",
        "show_program",
        "show_team_size",
        "show_contact",
    )

    class Meta:
        verbose_name = _("showcase profile")
        verbose_name_plural = _("showcase profiles")

    def product_list(self) -> list[str]:
        return [line.strip() for line in self.products.splitlines() if line.strip()]

    def looking_for(self) -> list[str]:
        return [
            key
            for key, wanted in (
                ("clients", self.seeks_clients),
                ("funding", self.seeks_funding),
                ("talent", self.seeks_talent),
            )
            if wanted
        ]


class ReportJob(models.Model):
    """A bilan report generated in the background, downloadable (and e-mailed) when ready."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    as_of = models.DateField(_("as of"))
    site = models.ForeignKey(
        Site, verbose_name=_("site"), null=True, blank=True, on_delete=models.CASCADE
    )
    language = models.CharField(_("language"), max_length=5, default="fr")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    content = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The worker's last sign of life (start, each progress step): a running job without
    # one for TECHNOPARK_JOB_STALL_SECONDS lost its worker (killed) and may be retried.
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="reportjob_progress_100"),
        ]

    @property
    def stalled(self) -> bool:
        """Running, but the worker gave no sign of life for TECHNOPARK_JOB_STALL_SECONDS."""
        from django.utils import timezone

        if self.status != self.Status.RUNNING or self.heartbeat_at is None:
            return False
        age = (timezone.now() - self.heartbeat_at).total_seconds()
        return age > settings.TECHNOPARK_JOB_STALL_SECONDS

    @property
    def retryable(self) -> bool:
        return self.status == self.Status.FAILED or self.stalled

    @property
    def filename(self) -> str:
        scope = self.site.code if self.site_id else "reseau"
        return f"bilan-{scope}-{self.as_of.isoformat()}-{self.language}.{self.format}"


class SitePhoto(models.Model):
    """A photo of a site for its public page, uploaded by its staff (checked by content)."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("photo"), upload_to=private_upload_path("publishing/site-photos"))
    content_type = models.CharField(max_length=40, editable=False)
    alt_text = models.CharField(
        _("description for people who cannot see it"),
        max_length=200,
        help_text=_("What the photo shows, in a sentence (read aloud by screen readers)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["site", "order", "pk"]
        verbose_name = _("site photo")
        verbose_name_plural = _("site photos")
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="site_photo_has_alt_text"),
        ]

    def __str__(self) -> str:
        return self.alt_text


class SiteGuide(models.Model):
    """What a visitor needs to reach a site: how to get there (written by its staff)."""

    site = models.OneToOneField(
        Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="guide"
    )
    directions = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("Tram, bus, train, parking, the entrance to use: one line each."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visitor's guide")
        verbose_name_plural = _("visitors' guides")

    def direction_lines(self) -> list[str]:
        return [line.strip() for line in self.directions.splitlines() if line.strip()]
