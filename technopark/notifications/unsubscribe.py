"""Leaving one kind of e-mail without signing in: the signed link of the optional e-mails.

Every e-mail the platform sends says it is automatic (`Auto-Submitted: auto-generated`,
RFC 3834), so out-of-office and other robots do not answer it. An optional kind sent to a
person also carries `List-Unsubscribe` (the link below) and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` (RFC 8058): a mail client's "unsubscribe" button POSTs to the
link, without cookies, and that kind is turned off in the person's preferences. The link
names the person and the kind, signed (salted) and without expiry: it is the credential.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from technopark.core.errors import DomainError
from technopark.core.ratelimit import client_ip, hit
from technopark.notifications import kinds as registry

SALT = "technopark.notifications.unsubscribe"
AUTO_SUBMITTED = {"Auto-Submitted": "auto-generated"}
DEFAULT_LIMITS = {"ip": "120/h"}


def can_unsubscribe(kind: str) -> bool:
    """Whether a person may turn this kind off (a declared, optional kind)."""
    try:
        return not registry.get(kind).mandatory
    except KeyError:  # a kind no longer declared (an old e-mail of the log)
        return False


def unsubscribe_token(user_id: int, kind: str) -> str:
    """Signed, without timestamp: the same link in the header and the footer, never expiring."""
    return signing.Signer(salt=SALT).sign_object({"u": user_id, "k": kind}, compress=True)


def unsubscribe_url(user_id: int, kind: str) -> str:
    """The absolute link that turns `kind` off for the person (site URL of the settings)."""
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, kind)])
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_from_token(token: str):
    """(user, kind) a link stands for; a DomainError (400) when it is forged or stale."""
    from technopark.accounts.models import User

    invalid = DomainError(
        _("This unsubscribe link is not valid. Choose your e-mails in your preferences."),
        code="link_invalid",
        status=400,
    )
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        raise invalid from None
    if not isinstance(data, dict) or not can_unsubscribe(str(data.get("k", ""))):
        raise invalid
    user = User.objects.filter(pk=data.get("u")).first() if isinstance(data.get("u"), int) else None
    if user is None:
        raise invalid
    return user, data["k"]


def email_headers(kind: str, user_id: int | None) -> dict[str, str]:
    """The headers of an automatic e-mail: Auto-Submitted always; the one-click unsubscribe
    of an optional kind sent to a person (an address without account has nothing to turn off)."""
    headers = dict(AUTO_SUBMITTED)
    if user_id is not None and can_unsubscribe(kind):
        headers["List-Unsubscribe"] = f"<{unsubscribe_url(user_id, kind)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def unsubscribe_throttled(request) -> int:
    """Count one request to the public link; the seconds to wait when over the limit, else 0
    (`NOTIFICATIONS_UNSUBSCRIBE_RATE_LIMITS`, per client address)."""
    limits = {
        **DEFAULT_LIMITS,
        **(getattr(settings, "NOTIFICATIONS_UNSUBSCRIBE_RATE_LIMITS", {}) or {}),
    }
    return hit("notifications-unsubscribe-ip", client_ip(request), limits["ip"])
