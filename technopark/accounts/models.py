"""People: users who log in with their e-mail, their roles with scopes, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_language() -> str:
    """A new person speaks the platform's default language (French) until they choose."""
    return settings.LANGUAGE_CODE[:2]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email: str) -> User:
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=default_language
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"), default=False, help_text=_("May log into the admin site.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Goes up, in the same transaction, whenever the person's roles or memberships change
    # (accounts.access): each worker keeps the principal and the menu it computed for
    # (user, access_version), and reads this row at the start of every request.
    access_version = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs) -> None:
        # Saving a user never writes back the access version it was loaded with: a role
        # granted meanwhile (accounts.access) would otherwise be forgotten by the workers.
        if not self._state.adding and kwargs.get("update_fields") is None and not args:
            deferred = self.get_deferred_fields()
            kwargs["update_fields"] = [
                f.attname
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname != "access_version" and f.attname not in deferred
            ]
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]


class Role(models.Model):
    """What a user does in the network, and where. A user may hold several roles.

    The scopes point at apps above accounts by name ("network.Site", "desk.Desk", …), so
    accounts imports none of them: the flow of imports stays one way.

    Startup members are not roles here: their membership of a startup is the scope
    (startups.Membership), so a founder's invitation is all it takes.
    """

    class Kind(models.TextChoices):
        NETWORK_ADMIN = "network_admin", _("Network administrator")
        SITE_MANAGER = "site_manager", _("Site manager")
        PROGRAM_OFFICER = "program_officer", _("Program officer")
        EXPERT = "expert", _("Expert")
        DESK_AGENT = "desk_agent", _("Partner-desk agent")
        PARTNER_ADMIN = "partner_admin", _("Partner administrator")
        PARTNER_OFFICER = "partner_officer", _("Partner officer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    site = models.ForeignKey(
        "network.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("For a program officer: empty means every program at the site."),
    )
    desk = models.ForeignKey(
        "desk.Desk",
        verbose_name=_("desk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agent_roles",
    )
    operator = models.ForeignKey(
        "network.Operator",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "site", "program", "desk", "operator"],
                name="role_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~Q(kind="site_manager") | Q(site__isnull=False),
                name="role_site_manager_has_site",
            ),
            models.CheckConstraint(
                condition=~Q(kind="program_officer") | Q(site__isnull=False),
                name="role_officer_has_site",
            ),
            models.CheckConstraint(
                condition=~Q(kind="desk_agent") | Q(desk__isnull=False),
                name="role_agent_has_desk",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["partner_admin", "partner_officer"])
                | Q(operator__isnull=False),
                name="role_partner_has_operator",
            ),
        ]

    def __str__(self) -> str:
        scope = self.site or self.desk or self.operator or ""
        return f"{self.get_kind_display()} {scope}".strip()


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token. Only its hash is stored; it acts with its user's rights, narrowed by
    its scopes, until it expires or is revoked (accounts/tokens.py). With an `operator` it
    is an organisation's token, made by its user, an administrator of that organisation."""

    PREFIX = "tp_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    scopes = models.JSONField(
        _("scopes"), default=list, blank=True, help_text=_('"hosting:read", "billing:write"…')
    )
    expires_at = models.DateTimeField(_("expires on"), null=True, blank=True)
    operator = models.ForeignKey(
        "network.Operator",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def new_raw(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class PersonalCalendar(models.Model):
    """The private address of one person's calendar feed: all their commitments.

    The token in the address is the key (no login); a person has at most one active address.
    Making a new one revokes the old; a revoked address answers 404.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="personal_calendars",
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_read_at = models.DateTimeField(_("last read by a calendar"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal calendar address")
        verbose_name_plural = _("personal calendar addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="personal_calendar_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.token[:6]}…)"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
