"""The network's geography: regions, operators, sites, spaces and budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from technopark.core.translated import TranslatedCharField, translation_field

CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9-]{1,20}$", _("Use letters, digits and '-' only, at most 20 characters.")
)


class Region(models.Model):
    """One of the 12 regions of Morocco (decree 2-15-40 of 2015), keyed by ISO 3166-2."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name_fr = models.CharField(_("name (French)"), max_length=80)
    name_ar = models.CharField(_("name (Arabic)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        lang = (get_language() or "fr")[:2]
        return getattr(self, f"name_{lang}", None) or self.name_fr


class Operator(models.Model):
    """An organisation that runs sites or programs: the network's own operator or a partner."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Network operator")
        UNIVERSITY = "university", _("University incubator")
        ASSOCIATION = "association", _("Association")
        LABELLED = "labelled", _("Labelled support structure")
        CORPORATE = "corporate", _("Corporate program")
        PUBLIC = "public", _("Public body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    is_network_operator = models.BooleanField(
        _("network's own operator"),
        default=False,
        help_text=_("Programs of the network's own operator count as direct accompaniment."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(_("listed in the public partner directory"), default=True)
    # Legal mentions an invoice issued by this operator carries.
    ice = models.CharField(_("ICE"), max_length=15, blank=True)
    tax_id = models.CharField(_("IF (tax identifier)"), max_length=30, blank=True)
    rc = models.CharField(_("RC (trade register)"), max_length=30, blank=True)
    rc_court = models.CharField(_("RC court"), max_length=60, blank=True)
    tp = models.CharField(_("TP (taxe professionnelle)"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("operator")
        verbose_name_plural = _("operators")

    def __str__(self) -> str:
        return self.name


def operational_q(day: dt.date, via: str = "") -> Q:
    """A site operational on `day`: opened on or before it and not closed by then.

    The one definition of the rule; `via` is the lookup path to the site (e.g. "site__").
    """
    return Q(**{f"{via}opened_on__lte": day}) & (
        Q(**{f"{via}closed_on__isnull": True}) | Q(**{f"{via}closed_on__gt": day})
    )


def in_progress_q(day: dt.date, via: str = "") -> Q:
    """A site in progress on `day`: not closed, and not yet open."""
    return (Q(**{f"{via}closed_on__isnull": True}) | Q(**{f"{via}closed_on__gt": day})) & (
        Q(**{f"{via}opened_on__isnull": True}) | Q(**{f"{via}opened_on__gt": day})
    )


class SiteQuerySet(models.QuerySet):
    def operational_on(self, day: dt.date) -> SiteQuerySet:
        return self.filter(operational_q(day))

    def in_progress_on(self, day: dt.date) -> SiteQuerySet:
        return self.filter(in_progress_q(day))


class Site(models.Model):
    """A technology park of the network, open, being built, or closed."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Being built")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    code = models.CharField(_("code"), max_length=20, unique=True, validators=[CODE_VALIDATOR])
    name = TranslatedCharField(_("name"), max_length=200)
    name_ar = translation_field("name", "ar", max_length=200)
    name_en = translation_field("name", "en", max_length=200)
    city = models.CharField(_("city"), max_length=100)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT)
    operator = models.ForeignKey(
        Operator,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sites",
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    planned_opening = models.CharField(
        _("planned opening"),
        max_length=10,
        blank=True,
        help_text=_("A date (YYYY-MM-DD) or a year, for sites not yet open."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    objects = SiteQuerySet.as_manager()

    class Meta:
        ordering = ["opened_on", "code"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=False, closed_on__gt=models.F("opened_on")),
                name="site_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def status_on(self, day: dt.date | None = None) -> str:
        day = day or dt.date.today()
        if self.closed_on and self.closed_on <= day:
            return self.Status.CLOSED
        if self.opened_on and self.opened_on <= day:
            return self.Status.OPEN
        return self.Status.PLANNED

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("network:site_detail", args=[self.code])


class Space(models.Model):
    """An office, desk area, lab or room of a site."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Office")
        COWORKING = "coworking", _("Coworking desk")
        MEETING_ROOM = "meeting_room", _("Meeting room")
        EVENT_HALL = "event_hall", _("Event hall")
        LAB = "lab", _("Lab")
        OTHER = "other", _("Other")

    BOOKABLE_KINDS = (Kind.MEETING_ROOM, Kind.EVENT_HALL)

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="spaces"
    )
    code = models.CharField(_("code"), max_length=30)
    name = TranslatedCharField(_("name"), max_length=120, blank=True)
    name_ar = translation_field("name", "ar", max_length=120)
    name_en = translation_field("name", "en", max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area_m2 = models.DecimalField(
        _("area (m²)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    seats = models.PositiveIntegerField(_("seats"), default=0)
    leasable = models.BooleanField(
        _("leasable"), default=False, help_text=_("Let to startups under a hosting contract.")
    )
    floor = models.CharField(_("floor or wing"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["site", "floor", "code"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="space_code_unique_in_site"),
            models.CheckConstraint(condition=Q(area_m2__gt=0), name="space_area_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.site.code}/{self.code}"

    @property
    def bookable(self) -> bool:
        return self.kind in self.BOOKABLE_KINDS


class SiteBudget(models.Model):
    """What accompaniment cost a site in a calendar year (the bilan's cost figures)."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_mad = models.DecimalField(
        _("amount (MAD)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["site", "year"]
        verbose_name = _("accompaniment budget")
        verbose_name_plural = _("accompaniment budgets")
        constraints = [
            models.UniqueConstraint(fields=["site", "year"], name="budget_unique_site_year"),
            models.CheckConstraint(condition=Q(amount_mad__gte=0), name="budget_amount_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.site.code} {self.year}"
