"""A site's managers keep its billing settings on their page: a Moroccan RIB checked with
its key, the payment terms; audited; a wrong RIB changes nothing."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from technopark.billing.models import SiteBilling
from technopark.billing.services.settings import rib_is_valid, rib_with_key

GOOD = "190780212110001234567828"  # bank 190, city 780, account, key 28


def test_a_rib_is_checked_with_its_key():
    assert rib_with_key(GOOD[:22]) == GOOD and rib_is_valid(GOOD)
    assert not rib_is_valid(GOOD[:22] + "91")  # the key of another account
    assert not rib_is_valid(GOOD[:23])


@pytest.mark.django_db
def test_the_site_manager_saves_the_bank_details_and_a_wrong_rib_changes_nothing(cast):
    url = f"/billing/{cast.site.code}/settings/"
    manager = cast.client("site_manager")
    assert manager.get(url).status_code == 200
    response = manager.post(
        url,
        {
            "bank_name": "Banque Populaire — agence Maârif",
            "rib": "190 780 2121100012345678 28",  # as printed, with spaces
            "cnss": "7712345",
            "payment_term_days": "45",
            "payment_terms": "Virement à 45 jours",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    saved = SiteBilling.objects.get(site=cast.site)
    assert (saved.rib, saved.payment_term_days, saved.cnss) == (GOOD, 45, "7712345")
    entry = LogEntry.objects.get_for_object(saved).latest("timestamp")
    assert entry.actor == cast.site_manager

    for rib in (GOOD[:22] + "91", "1907802121"):  # a wrong key, too short
        response = manager.post(url, {"rib": rib, "payment_term_days": "10"})
        assert response.status_code == 200 and response.context["form"].errors["rib"]
    assert manager.post(url, {"rib": GOOD, "payment_term_days": "400"}).status_code == 200
    saved.refresh_from_db()
    assert (saved.rib, saved.payment_term_days) == (GOOD, 45)

    assert cast.client("officer").post(url, {"rib": GOOD}).status_code == 403
    assert cast.client("other_site_staff").get(url).status_code == 404
    assert cast.client("owner").get(url).status_code == 404
