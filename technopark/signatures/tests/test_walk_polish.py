"""The code e-mail in the language the signer reads, without the code on a lock screen,
and the evidence page's signer heading written with the language's own colon."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from technopark.notifications.models import EmailLog
from technopark.signatures import services
from technopark.signatures.tests.helpers import document_request, sign

pytestmark = pytest.mark.django_db


def _signer_of(request, user):
    return request.signers.get(user=user)


def test_the_code_email_follows_the_signing_page_language_and_keeps_the_code_out_of_the_subject(
    cast,
):
    assert cast.owner.language != "ar"
    request = document_request(cast, signers=[cast.owner])
    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    client.force_login(cast.owner)
    client.post(f"/signatures/{request.pk}/code/", HTTP_ACCEPT_LANGUAGE="ar")
    log = EmailLog.objects.get(kind="signatures.code")
    assert log.language == "ar"
    assert "رمزك لتوقيع" in log.body_text  # the Arabic text, not the French
    code = next(w for w in log.body_text.replace(":", " ").split() if w.isdigit() and len(w) == 6)
    assert code not in log.subject and request.title in log.subject


def test_the_evidence_heading_reads_signer_number_colon_name(cast):
    request = document_request(cast, signers=[cast.owner], language="en")
    sign(_signer_of(request, cast.owner))
    request.refresh_from_db()
    with translation.override("en"):
        html = render_to_string(
            "signatures/evidence.html",
            services.evidence_context(request, demo=True) | {"lang": "en", "bidi": False},
        )
    assert "<h2>Signer 1: <bdi" in html
