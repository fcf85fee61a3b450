"""Writes about people: accounts, roles, API tokens, invitations to a startup's team."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from technopark.accounts.models import ApiToken, Role, User, hash_token
from technopark.accounts.permissions import forget
from technopark.core.errors import DomainError
from technopark.desk.models import Desk
from technopark.network.models import Operator, Site
from technopark.startups.models import Invitation, Membership, Startup

ROLE_CHOICES = [kind for kind, _label in Role.Kind.choices] + ["startup_member"]


@dataclass
class AddUserResult:
    user: User
    created: bool
    login_link: str | None


def user_upsert(
    *, email: str, full_name: str = "", password: str | None = None, language: str = "fr"
) -> tuple[User, bool]:
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name, language=language
        )
    else:
        if full_name:
            user.full_name = full_name
        if password:
            user.set_password(password)
        user.save()
    return user, created


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
    startup: Startup | None = None,
    desk: Desk | None = None,
    operator: Operator | None = None,
    founder: bool = False,
) -> None:
    """Give a user a role with its scope; startup membership is a membership, not a role."""
    if kind not in ROLE_CHOICES:
        raise DomainError(
            _("Unknown role %(role)s; use one of: %(roles)s.")
            % {"role": kind, "roles": ", ".join(ROLE_CHOICES)}
        )
    if kind == "startup_member":
        if startup is None:
            raise DomainError(_("A startup member needs --startup."), field="startup")
        Membership.objects.update_or_create(
            startup=startup, user=user, defaults={"is_founder": founder}
        )
    else:
        if kind in ("site_manager", "program_officer") and site is None:
            raise DomainError(_("A %(role)s needs --site.") % {"role": kind}, field="site")
        if kind == "desk_agent":
            if desk is None:
                raise DomainError(_("A desk agent needs --desk."), field="desk")
            site = desk.site
        if kind in ("partner_admin", "partner_officer") and operator is None:
            raise DomainError(_("A partner role needs --operator."), field="operator")
        Role.objects.get_or_create(
            user=user, kind=kind, site=site, desk=desk, operator=operator, program=None
        )
    if kind in ("network_admin",):
        User.objects.filter(pk=user.pk).update(is_staff=True)
    forget(user)


def user_add(
    *,
    email: str,
    role: str,
    password: str | None = None,
    full_name: str = "",
    site: Site | None = None,
    startup: Startup | None = None,
    desk: Desk | None = None,
    operator: Operator | None = None,
) -> AddUserResult:
    if password:
        try:
            validate_password(password)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from None
    with transaction.atomic():
        user, created = user_upsert(email=email, full_name=full_name, password=password)
        role_grant(user=user, kind=role, site=site, startup=startup, desk=desk, operator=operator)
    link = None if password else one_time_login_link(user)
    return AddUserResult(user=user, created=created, login_link=link)


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a personal API token; the raw value is returned once and never stored."""
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user, name=name or _("API token"), digest=hash_token(raw), hint=raw[:8]
    )
    return token, raw


def token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def token_authenticate(*, raw: str) -> User | None:
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def invitation_send(*, startup: Startup, email: str, by: User) -> Invitation:
    """A founder invites a teammate; the e-mail carries a link that joins the team."""
    email = email.strip().lower()
    if Membership.objects.filter(startup=startup, user__email__iexact=email).exists():
        raise DomainError(_("%(email)s is already in the team.") % {"email": email}, field="email")
    invitation = Invitation.objects.create(startup=startup, email=email, invited_by=by)
    link = settings.SITE_URL.rstrip("/") + reverse(
        "startups:invitation_accept", args=[invitation.token]
    )
    with override(by.language or "fr"):
        subject = _("%(name)s invites you to its team on Technopark") % {"name": startup.name}
        body = _(
            "%(who)s invites you to join %(name)s on the Technopark platform.\n\nJoin the team: %(link)s\n"
        ) % {
            "who": by.get_full_name(),
            "name": startup.name,
            "link": link,
        }
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation was already used."), code="used")
    if invitation.email.lower() != user.email.lower():
        raise DomainError(
            _("This invitation was sent to another e-mail address."), code="wrong_user"
        )
    membership, _created = Membership.objects.get_or_create(startup=invitation.startup, user=user)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    forget(user)
    return membership
