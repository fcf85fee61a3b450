"""Records of the vault for tests: a small PDF, a document and a request of a startup."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from technopark.core import clock
from technopark.documents.models import DocumentType
from technopark.documents.services import document_requests_create, document_upload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str = "statuts.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def doc_type(code: str = "attestation_fiscale") -> DocumentType:
    return DocumentType.objects.get(code=code)


def make_document(startup, by, *, code: str = "attestation_fiscale", expires_on=None, **kw):
    return document_upload(
        startup=startup,
        doc_type=doc_type(code),
        file=pdf(),
        issued_on=clock.today() - dt.timedelta(days=10),
        expires_on=expires_on,
        by=by,
        **kw,
    )


def make_request(startup, by, *, code: str = "attestation_cnss", due_in: int = 10):
    (req,) = document_requests_create(
        startups=[startup],
        doc_type=doc_type(code),
        due_on=clock.today() + dt.timedelta(days=due_in),
        message="Merci de nous transmettre l'attestation à jour.",
        by=by,
    )
    return req
