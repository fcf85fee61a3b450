"""Staff's second factor (REQUIRE_STAFF_2FA): who needs one, and what is still missing.

Staff (a staff role, or the admin site's `is_staff`) must have a TOTP authenticator and
must have used a second factor in the session they work in: at login (allauth's MFA
stage), on allauth's "confirm with your code" page, or by setting TOTP up in this very
session. A session that got in another way (the admin's own login form, before it went
through allauth) is sent to confirm with a code. The middleware, the admin site and the
API ask `missing_step`; allauth keeps the record of what a session passed.
"""

from __future__ import annotations

from django.conf import settings

from technopark.accounts.permissions import principal

SETUP = "mfa_activate_totp"  # no second factor yet: set one up
CONFIRM = "mfa_reauthenticate"  # one exists, this session has not used it


def required(user) -> bool:
    return bool(
        settings.TECHNOPARK_REQUIRE_STAFF_2FA
        and user.is_authenticated
        and (user.is_staff or principal(user).is_staff)
    )


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_in_session(request) -> bool:
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def missing_step(request) -> str | None:
    """None when the person may work; else the URL name of the page that completes it."""
    user = request.user
    if not required(user) or passed_in_session(request):
        return None
    return CONFIRM if has_totp(user) else SETUP


def missing_for_token(user) -> bool:
    """An API token of staff without a second factor is refused: a token is made on the
    profile page, in a session that passed one, but a token made before (or before the
    person became staff) must not go around it."""
    return required(user) and not has_totp(user)


def record_setup(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    """allauth's `authenticator_added`: typing the first code of a new TOTP in this session
    proves the second factor as a login would."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if (
        request is not None
        and authenticator is not None
        and authenticator.type == Authenticator.Type.TOTP
        and getattr(request, "user", None) is not None
        and request.user.pk == user.pk
    ):
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def _said(user, authenticator, *, added: bool) -> None:
    """A named action of the factor set up or removed (recovery codes come with one)."""
    from allauth.mfa.models import Authenticator

    from technopark.accounts.services import second_factor_changed

    if user is None or authenticator is None:
        return
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    second_factor_changed(user=user, kind=str(authenticator.type), added=added, by=user)


def said_added(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    _said(user, authenticator, added=True)


def said_removed(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
    _said(user, authenticator, added=False)


def connect() -> None:
    from allauth.mfa.signals import authenticator_added, authenticator_removed

    authenticator_added.connect(record_setup, dispatch_uid="technopark.second_factor.setup")
    authenticator_added.connect(said_added, dispatch_uid="technopark.second_factor.added")
    authenticator_removed.connect(said_removed, dispatch_uid="technopark.second_factor.removed")
