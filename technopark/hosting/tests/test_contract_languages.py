"""The Arabic contract reads right: the site named in Arabic, and the operator's Latin
address and ICE kept in their order inside the Arabic text (text extracted from the PDF)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from technopark.hosting.models import Lease
from technopark.network.models import Operator

ADDRESS = "Route de Nouaceur, angle RS 114 et CT 1029, Casablanca"
ICE = "001525687000089"


def _contract_text(cast, lang: str) -> str:
    Operator.objects.filter(pk=cast.site.operator_id).update(address=ADDRESS, ice=ICE, rc="123457")
    cast.site.name_ar = "تكنوبارك الدار البيضاء"
    cast.site.save(update_fields=["name_ar"])
    lease = Lease.objects.get(space__code="A-101")
    response = cast.client("owner").get(
        f"/hosting/{cast.site.code}/contracts/{lease.pk}/pdf/?lang={lang}"
    )
    assert response.status_code == 200
    pages = PdfReader(io.BytesIO(response.content)).pages
    return "\n".join(page.extract_text() for page in pages)


def test_the_arabic_contract_keeps_the_latin_address_and_ice_in_order(cast):
    text = _contract_text(cast, "ar")
    assert "عقد الإيواء" in text or "عقد" in text
    assert "تكنوبارك الدار البيضاء" in text
    assert ADDRESS in " ".join(text.split())
    assert ICE in text


def test_the_french_contract_names_the_site_in_french(cast):
    text = _contract_text(cast, "fr")
    assert cast.site.name in text
    assert "تكنوبارك" not in text
    assert ADDRESS in " ".join(text.split())
