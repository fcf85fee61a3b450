"""What a person meets on hosting's pages (issue 23, item 8)."""

from __future__ import annotations

import pytest

from technopark.core.tests.catalogue import translated
from technopark.house.testing import SpaceFactory

VACANT = {"fr": ("libre", "Libre", "gratuit"), "ar": ("شاغر", "شاغر", "مجاني")}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_vacant_space_reads_vacant_not_free_of_charge(cast, language):
    """The spaces' page labelled vacant spaces "gratuit" / "مجاني" (free of charge), the
    catalogue's word for the bare msgid "free": the page asks for "free" in the context
    "space" (vacant), on the floors' table, the floor plan and the site's page."""
    SpaceFactory(site=cast.site, code="A-199")
    header, card, wrong = VACANT[language]
    entries = {("space", "free"): header, ("space", "Free"): card}
    with translated(language, entries):
        staff = cast.client("site_manager")
        spaces = staff.get(f"/hosting/{cast.site.code}/", HTTP_ACCEPT_LANGUAGE=language)
        site = staff.get(f"/sites/{cast.site.code}/", HTTP_ACCEPT_LANGUAGE=language)
        spaces, site = spaces.content.decode(), site.content.decode()
    assert "A-199" in spaces
    assert f">{header}</th>" in spaces and f">{card}</div>" in spaces
    assert f">{header}</th>" in site
    assert wrong not in spaces and wrong not in site


def test_the_space_list_of_a_new_contract_writes_areas_as_the_contract_does(cast):
    """The new-contract form listed "B1004 · Bureau · 51.00 m²" (the Decimal as stored)
    where the contract's page reads "51 m²": the same writing (floatformat -2: 51, 12,50)."""
    from decimal import Decimal

    SpaceFactory(site=cast.site, code="A-301", area_m2=Decimal("51.00"))
    SpaceFactory(site=cast.site, code="A-302", area_m2=Decimal("12.50"))
    page = cast.client("site_manager").get(
        f"/hosting/{cast.site.code}/contracts/new/", HTTP_ACCEPT_LANGUAGE="fr"
    )
    html = page.content.decode()
    assert "A-301 · " in html and " · 51 m²" in html and " · 12,50 m²" in html
    assert "51.00 m²" not in html and "12.50 m²" not in html
