"""Writes about people: accounts, roles, API tokens, invitations to a startup's team."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from technopark.accounts import tokens
from technopark.accounts.models import ApiToken, PersonalCalendar, Role, User, hash_token
from technopark.accounts.permissions import forget, principal
from technopark.core.actions import record
from technopark.core.audit import acts_for_by, set_actor
from technopark.core.errors import DomainError

if TYPE_CHECKING:
    from technopark.desk.models import Desk
    from technopark.network.models import Operator, Site

# Roles are scoped to records of the apps above accounts; they are passed in, never imported.
ROLE_KINDS = [kind for kind, _label in Role.Kind.choices]


def user_upsert(
    *,
    email: str,
    full_name: str = "",
    password: str | None = None,
    language: str = "fr",
    phone: str = "",
) -> tuple[User, bool]:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name, language=language, phone=phone
        )
    else:
        if full_name:
            user.full_name = full_name
        if password:
            user.set_password(password)
        user.save()
    return user, created


@transaction.atomic
def email_address_sync(*, user: User) -> None:
    """allauth's record of the account's own address: verified and primary. The address was
    given by staff, an invitation or a confirmed application, and it is the only one that
    signs in; allauth's page to change it starts from it (a new one replaces it once its
    link is followed)."""
    from allauth.account.models import EmailAddress

    if not user.email:
        return
    own = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if own is not None and own.verified and own.primary:
        return
    EmailAddress.objects.filter(user=user, primary=True).update(primary=False)
    if own is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    else:
        own.verified = own.primary = True
        own.save(update_fields=["verified", "primary"])


def one_time_login_link(user: User) -> str:
    """A link the person opens once to choose a password (allauth's reset key)."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def role_grant(
    *,
    user: User,
    kind: str,
    site: Site | None = None,
    desk: Desk | None = None,
    operator: Operator | None = None,
    by: User | None = None,
) -> None:
    """Give a user a role with its scope (a startup membership is startups' `member_set`)."""
    if kind not in ROLE_KINDS:
        raise DomainError(
            _("Unknown role %(role)s; use one of: %(roles)s.")
            % {"role": kind, "roles": ", ".join(ROLE_KINDS)}
        )
    if kind in ("site_manager", "program_officer") and site is None:
        raise DomainError(_("A %(role)s needs --site.") % {"role": kind}, field="site")
    if kind == "desk_agent":
        if desk is None:
            raise DomainError(_("A desk agent needs --desk."), field="desk")
        site = desk.site
    if kind in ("partner_admin", "partner_officer") and operator is None:
        raise DomainError(_("A partner role needs --operator."), field="operator")
    with set_actor(by):
        role, created = Role.objects.get_or_create(
            user=user, kind=kind, site=site, desk=desk, operator=operator, program=None
        )
        if created:
            payload = {"user": user.pk, "kind": kind, "desk": role.desk_id, "operator": role.operator_id}  # fmt: skip
            record("role.granted", role, by=by, payload=payload)
        if kind == "network_admin" and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    forget(user)


def administers(user: User, operator) -> bool:
    """Whether `user` administers the organisation `operator` (a partner organisation's
    administrator, or a network administrator for the network's own operator)."""
    p = principal(user)
    if operator.pk in p.partner_admin_operator_ids:
        return True
    return p.is_network_admin and operator.is_network_operator


@transaction.atomic
def token_create(
    *,
    user: User,
    name: str,
    scopes: list[str] | None = None,
    expires_at: dt.datetime | None = None,
    operator=None,
    by: User | None = None,
) -> tuple[ApiToken, str]:
    """Make an API token; the raw value is returned once and never stored.

    Without `scopes` it is a full token (every area, read and write); `operator` makes it
    an organisation's token, which its maker must administer. `by` defaults to `user`."""
    scopes = tokens.normalise(list(scopes)) if scopes is not None else [tokens.FULL]
    if not scopes:
        raise DomainError(_("Choose at least one area for the token."), field="scopes")
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(_("Choose an expiry in the future."), field="expires_at")
    if operator is not None and not administers(user, operator):
        raise DomainError(
            _("Only an administrator of this organisation may make its tokens."),
            code="not_an_administrator",
            field="operator",
        )
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user,
        name=name or _("API token"),
        digest=hash_token(raw),
        hint=raw[:8],
        scopes=scopes,
        expires_at=expires_at,
        operator=operator,
    )
    _token_recorded("api_token.created", token, by if by is not None else user)
    return token, raw


def _token_recorded(name: str, token: ApiToken, by) -> None:
    """Its label is its name, never the first characters of its value."""
    payload = {"user": token.user_id, "operator": token.operator_id, "scopes": token.scopes}
    record(name, token, by=by, label=token.name, payload=payload)


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User | None = None) -> None:
    """Revoke at once: the very next call with the token is refused (nothing is cached)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        _token_recorded("api_token.revoked", token, by)


def token_find(*, raw: str) -> ApiToken | None:
    """The live token of `raw` (not revoked, not expired, its person active, and for an
    organisation's token its maker still an administrator of it), or None. Read from the
    database on every call: a revocation takes effect at once."""
    if not raw:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user", "operator")
        .filter(digest=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if token is None:
        return None
    if token.operator_id is not None and not administers(token.user, token.operator):
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.user.api_token = token  # the scopes the API checks (core/api.py)
    return token


def token_authenticate(*, raw: str) -> User | None:
    token = token_find(raw=raw)
    return token.user if token is not None else None


def user_blank(*, user: User, email: str) -> None:
    """Privacy's erasure: the row stays, it names no one and signs nobody in any more. The
    update skips auditlog on purpose (the trail would keep the old values); privacy writes
    its own entry."""
    user.set_unusable_password()
    User.objects.filter(pk=user.pk).update(
        email=email, full_name="", phone="", is_active=False, password=user.password
    )
    user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    user.personal_calendars.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- The personal calendar's address (docs/calendars.md) -----------------------------------


@transaction.atomic
@acts_for_by
def personal_calendar_renew(*, user: User, by) -> PersonalCalendar:
    """Give the person a new private calendar address; the one they had stops working."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one renewal at a time
    now = timezone.now()
    for old in PersonalCalendar.objects.filter(user=user, revoked_at__isnull=True):
        old.revoked_at = now
        old.save(update_fields=["revoked_at"])
    feed = PersonalCalendar.objects.create(user=user, token=PersonalCalendar.new_token())
    _calendar_recorded("personal_calendar.renewed", feed, by)
    return feed


def _calendar_recorded(name: str, feed: PersonalCalendar, by) -> None:
    """Its label is its number, never its token nor its person's name."""
    record(name, feed, by=by, label=f"#{feed.pk}", payload={"user": feed.user_id})


@transaction.atomic
@acts_for_by
def personal_calendar_revoke(*, user: User, by) -> bool:
    """Switch the person's calendar address off (False when they had none)."""
    revoked = False
    for feed in PersonalCalendar.objects.select_for_update().filter(
        user=user, revoked_at__isnull=True
    ):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        _calendar_recorded("personal_calendar.revoked", feed, by)
        revoked = True
    return revoked


# --- A second factor (allauth's mfa, docs/security.md) ----------------------------------


@transaction.atomic
def second_factor_changed(*, user: User, kind: str, added: bool, by: User | None = None) -> None:
    """Say that `user` set up (`added`) or removed a second factor of `kind` (`totp`,
    `webauthn`): allauth writes the authenticator and calls this once it committed."""
    name = "second_factor.enabled" if added else "second_factor.disabled"
    record(name, user, by=by or user, label=kind, payload={"user": user.pk, "type": kind})


def personal_calendar_open(*, token: str) -> PersonalCalendar | None:
    """The active address of an active person whose token this is, else None; notes when
    a calendar application last read it (at most once an hour, outside the audit trail)."""
    if not token:
        return None
    feed = (
        PersonalCalendar.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_read_at is None or (now - feed.last_read_at).total_seconds() > 3600:
        PersonalCalendar.objects.filter(pk=feed.pk).update(last_read_at=now)
        feed.last_read_at = now
    return feed
