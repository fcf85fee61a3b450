"""Records the signature tests (and the permission matrix) start from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.core import clock
from technopark.hosting.models import Lease
from technopark.house.testing import LeaseFactory, SpaceFactory
from technopark.signatures import services


def draft_lease(cast) -> Lease:
    found = Lease.objects.filter(space__code="A-250", startup=cast.own).first()
    return found or LeaseFactory(
        startup=cast.own,
        space=SpaceFactory(site=cast.site, code="A-250"),
        starts_on=clock.today() + dt.timedelta(days=10),
        planned_end=clock.today() + dt.timedelta(days=740),
        status=Lease.Status.DRAFT,
        monthly_rent_mad=Decimal("4500"),
        deposit_months=0,
    )


def contract_request(cast, *, in_order=True, language="fr"):
    return services.signature_request_create(
        kind="contract",
        startup=cast.own,
        site=cast.site,
        target=draft_lease(cast),
        title="Contrat d'hébergement A-250",
        language=language,
        signers=[cast.owner, cast.site_manager],
        in_order=in_order,
        expires_on=clock.today() + dt.timedelta(days=15),
        by=cast.site_manager,
    )


def a_pdf(text: str = "Avenant n°1") -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<h1>{text}</h1><p>Surface portée à 42 m².</p>").write_pdf()


def document_request(cast, *, signers=None, in_order=False, file=None, language="fr"):
    return services.signature_request_create(
        kind="document",
        startup=cast.own,
        site=cast.site,
        title="Avenant n°1 au contrat",
        language=language,
        signers=signers or [cast.owner, cast.site_manager],
        in_order=in_order,
        expires_on=clock.today() + dt.timedelta(days=15),
        file=file or SimpleUploadedFile("avenant.pdf", a_pdf(), "application/pdf"),
        by=cast.site_manager,
    )


def sign(signer, *, consent=True, code=None, sha=None):
    """Sign as that signer, asking for a code first."""
    signer.refresh_from_db()
    if code is None:
        code = services.signature_code_send(signer=signer, by=signer.user)
    return services.signature_sign(
        signer=signer,
        code=code,
        consent=consent,
        document_sha256=sha or signer.request.original_sha256,
        ip_address="196.200.131.7",
        user_agent="Mozilla/5.0 (Android 14; Mobile)",
        language="en",
        by=signer.user,
    )
