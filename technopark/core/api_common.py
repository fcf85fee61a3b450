"""What every app's API router shares: the error body and "who is calling" for the
endpoints about oneself. A base module (no app imported), unlike `house.api`, which
mounts the routers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Schema

from technopark.core.errors import DomainError


class ErrorOut(Schema):
    """The body of an error answer: a stable code for programs, a message for people."""

    code: str
    message: str


def signed_in_user(request):
    """The caller of an endpoint about oneself; 401 for an anonymous call."""
    if not request.user.is_authenticated:
        raise DomainError(_("Log in or send an API token."), code="unauthenticated", status=401)
    return request.user
