"""A site's billing settings, edited by its managers on their page (not only in the admin)."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from technopark.billing.models import SiteBilling
from technopark.core.actions import record
from technopark.core.audit import acts_for_by
from technopark.core.errors import DomainError
from technopark.network.models import Site


def rib_is_valid(rib: str) -> bool:
    """A Moroccan RIB: 24 digits, bank (3), city (3), account (16), then its key (2), which
    is 97 less the remainder of the first 22 digits followed by 00, divided by 97."""
    if not re.fullmatch(r"\d{24}", rib):
        return False
    return int(rib[22:]) == 97 - (int(rib[:22]) * 100) % 97


def rib_with_key(first22: str) -> str:
    """The 22 digits followed by their key (the demo's bank details)."""
    return f"{first22}{97 - (int(first22) * 100) % 97:02d}"


@acts_for_by
@transaction.atomic
def site_billing_update(
    *,
    site: Site,
    bank_name: str,
    rib: str,
    cnss: str,
    payment_term_days: int,
    payment_terms: str,
    by,
) -> SiteBilling:
    """Save the site's bank details and payment terms. A RIB is its 24 digits (spaces and
    dashes as printed are dropped) with the right key; a wrong one changes nothing."""
    rib = re.sub(r"[\s.-]", "", rib or "")
    if rib and not re.fullmatch(r"\d{24}", rib):
        raise DomainError(_("A RIB has 24 digits."), code="bad_rib", field="rib")
    if rib and not rib_is_valid(rib):
        raise DomainError(
            _("This RIB's key (its last two digits) is wrong: check the number."),
            code="bad_rib_key",
            field="rib",
        )
    if payment_term_days is None or not 0 <= payment_term_days <= 120:
        raise DomainError(
            _("The payment term is between 0 and 120 days."),
            code="bad_term",
            field="payment_term_days",
        )
    billing, _created = SiteBilling.objects.select_for_update().get_or_create(site=site)
    billing.bank_name = (bank_name or "").strip()[:100]
    billing.rib = rib
    billing.cnss = (cnss or "").strip()[:30]
    billing.payment_term_days = payment_term_days
    billing.payment_terms = (payment_terms or "").strip()[:200]
    billing.save()
    record(
        "site_billing.updated",
        billing,
        by=by,
        payload={"payment_term_days": payment_term_days, "rib_set": bool(rib)},
    )
    return billing
