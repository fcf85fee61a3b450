"""The answer link sent by e-mail: signed, expiring, and good for one answer only."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.utils.translation import gettext as _

from technopark.core.errors import DomainError
from technopark.surveys.models import CampaignRequest

SALT = "technopark.surveys.request"
LINK_MAX_AGE = dt.timedelta(days=45)


def request_token(request: CampaignRequest) -> str:
    return signing.dumps({"r": request.pk}, salt=SALT, compress=True)


def request_from_token(token: str, *, for_update: bool = False) -> CampaignRequest:
    """The request a link stands for; refused when forged, expired or already answered."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(
            _("This link has expired. Ask the technopark team for a new one."),
            code="link_expired",
            status=410,
        ) from None
    except signing.BadSignature:
        raise DomainError(_("This link is not valid."), code="link_invalid", status=404) from None
    qs = CampaignRequest.objects.select_related("campaign", "startup")
    if for_update:
        qs = qs.select_for_update()
    request = qs.filter(pk=data.get("r")).first()
    if request is None:
        raise DomainError(_("This link is not valid."), code="link_invalid", status=404)
    if request.answered_at is not None:
        raise DomainError(
            _("This link has already been used: the answer was recorded. Thank you."),
            code="link_used",
            status=410,
        )
    return request
